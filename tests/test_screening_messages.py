"""Message signals, each with a case that fires and a near miss that must not."""

from __future__ import annotations

from datetime import UTC

import pytest

from netinbox.screening import screen_batch, screen_message
from netinbox.screening.message_signals import analyse


def signals(text: str, recipient: str = "", sender: str = "") -> set[str]:
    return {s.name for s in analyse(text, recipient, sender).signals}


@pytest.mark.parametrize(
    ("signal", "fires", "near_miss"),
    [
        (
            "scheduler_link",
            "Grab a slot: https://calendly.com/ana/15min",
            "I read about Calendly's pricing change",
        ),
        (
            "help_offer",
            "I help fintech founders raise faster.",
            "I help out on the cargo-deny project.",
        ),
        ("vendor_voice", "Our platform does exactly that.", "Our platform team is three people."),
        (
            "value_claim",
            "We cut cloud bills by 30% on average.",
            "We were 30 people at the meetup.",
        ),
        ("price", "Seats are €1,200 per year.", "I was 12 when I wrote my first program."),
        (
            "pay_to_play",
            "A speaker participation fee of USD 900 applies.",
            "There are no fees at all.",
        ),
        ("offer", "Can I send you our deck?", "Could you send me your slides?"),
        ("call_ask", "Do you have 15 minutes next week?", "It took 15 years."),
        ("vague_reason", "Let's see how we can help each other.", "Your post helped me a lot."),
        (
            "routing_ask",
            "Are you the right person to talk to about travel?",
            "You were right about it.",
        ),
        (
            "recruiting_spam",
            "Please share your updated CV and expected CTC.",
            "I updated my thesis.",
        ),
        (
            "vendor_event",
            "Join our webinar, sponsored by Acme. Register here!",
            "Your webinar was great.",
        ),
        (
            "investment_ask",
            "We're raising a pre-seed round, can I send our deck?",
            "I read about seed funding.",
        ),
        (
            "disguised_pitch",
            "Not a pitch, but a quick demo of our product?",
            "Not a pitch, I promise.",
        ),
        ("follow_up_nudge", "Just bumping this to the top of your inbox.", "I bumped into Ana."),
        (
            "service_offer",
            "We run managed Postgres for 40+ companies.",
            "We ran the workshop for our team.",
        ),
        (
            "business_intro",
            "I run an agency that builds Shopify stores.",
            "I run the Munich Python meetup.",
        ),
        ("free_offer", "Happy to give you free access for a quarter.", "The meetup is free."),
        (
            "scam_pattern",
            "Earn guaranteed returns every month with me.",
            "Returns are never guaranteed.",
        ),
        (
            "non_commercial_reason",
            "I'm a journalist writing a piece on on-call.",
            "I read the news.",
        ),
    ],
)
def test_signal_fires_and_near_miss_does_not(signal: str, fires: str, near_miss: str) -> None:
    assert signal in signals(fires)
    assert signal not in signals(near_miss)


def test_discovery_question_then_offer_is_a_turn_to_offer() -> None:
    text = (
        "How are you currently handling SOC 2 evidence? We automate 80% of it for teams your size."
    )
    assert {"discovery_question", "turn_to_offer"} <= signals(text)
    assert "turn_to_offer" not in signals("How are you currently handling on-call? Curious!")


def test_personalisation_then_offer_is_a_pitch() -> None:
    text = (
        "Loved your post on flaky tests, Robin. That's exactly what we solve at Testwise: "
        "we quarantine them automatically. Up for a 20-min demo?"
    )
    verdict = screen_message(text, "reply_to_thanks", "Robin")
    assert verdict.label == "pitch"
    assert "turn_to_offer" in {r.signal for r in verdict.reasons}


@pytest.mark.parametrize(
    "text",
    [
        "Thanks Robin! We met at the Rust meetup, I asked about async traits. How did the migration go?",
        "Hi Robin, I'm a student writing my thesis on platform teams. Could I ask you 3 questions "
        "in a 20-minute call?",
        "Not a pitch, I promise: I'm a journalist writing a piece on burnout. Could I call you?",
        "Robin, here's the paper I mentioned at PyData: arxiv.org/abs/2107.07511",
        "Loved the flame graph slide at FOSDEM!",
        "Hi Robin, I lead the platform team at a fintech. Want to compare notes as peers on a call?",
    ],
)
def test_personal_messages_with_links_or_call_asks_stay_personal(text: str) -> None:
    assert screen_message(text, "inmail", "Robin").label == "personal"


@pytest.mark.parametrize(
    "text",
    [
        "👍",
        "Likewise!",
        "It's my pleasure",
        "Thanks for connecting, Robin!",
        "Glad to be connected. Let me know if I can ever help.",
        "I'd like to add you to my professional network on LinkedIn.",
        "Danke für die Vernetzung!",
        "¡Gracias por conectar!",
        "Merci pour l'invitation !",
        "Dzięki za zaproszenie!",
        "Thank you ji, happy to connect 🙏",
        "Grazie per il collegamento!",
        "Connect करने के लिए धन्यवाद! Let me know if I can help anytime.",
        "Hallo Robin, ich würde mich freuen, mich mit Ihnen zu vernetzen.",
        "Obrigado por aceitar o convite! Abraço.",
    ],
)
def test_canned_replies_in_several_languages(text: str) -> None:
    verdict = screen_message(text, "reply_to_thanks", "Robin")
    assert verdict.label == "canned"
    assert verdict.reasons


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\u200b\u200b", "\ufeff", "\x00\x01"])
def test_empty(text: str) -> None:
    assert screen_message(text) == screen_message("") and screen_message(text).label == "empty"


@pytest.mark.parametrize(
    "text",
    [
        "Hallo Jonas, wir unterstützen Unternehmen bei der Digitalisierung. Hätten Sie 15 Minuten?",
        "¡Gracias por conectar! Ayudo a empresas a reducir costes un 40%. ¿Una llamada de 15 minutos?",
        "Bonjour, j'accompagne les dirigeants pour lever des fonds. Un échange de 20 minutes ?",
        "Cześć, pomagamy firmom IT pozyskiwać klientów. Czy znajdziesz 15 minut na rozmowę?",
        "Hi sir, we provide digital marketing services at best price. Kindly share your number.",
    ],
)
def test_pitches_in_several_languages(text: str) -> None:
    assert screen_message(text, "reply_to_thanks").label == "pitch"


def test_first_name_is_no_evidence_either_way() -> None:
    with_name = screen_message("Thanks for connecting, Robin!", recipient_first_name="Robin")
    without = screen_message("Thanks for connecting!")
    assert with_name.label == without.label == "canned"


def test_template_needs_several_senders_and_ignores_names() -> None:
    body = (
        "{n}, I came across your profile and loved your work on reliability. "
        "Would be great to swap ideas sometime soon!"
    )
    items = [
        {"text": body.format(n=n), "sender_name": s, "recipient_first_name": n}
        for n, s in [("Robin", "Ann Lee"), ("Sam", "Bo Chan")]
    ]
    verdicts = screen_batch(items)
    assert all(v.label != "personal" for v in verdicts)
    assert all(v.reasons[0].signal == "template" for v in verdicts)
    # The same sender twice is not a template.
    same = [dict(items[0]), dict(items[0])]
    assert all("template" not in {r.signal for r in v.reasons} for v in screen_batch(same))


def test_burst_finds_invitations_sharing_a_company_within_a_day() -> None:
    from datetime import datetime, timedelta

    from netinbox.screening.bursts import Arrival, find

    start = datetime(2026, 3, 1, 8, tzinfo=UTC)
    same_day = [Arrival(start + timedelta(hours=h), (("company", "Acme"),)) for h in (0, 3, 7)]
    next_week = Arrival(start + timedelta(days=7), (("company", "Acme"),))
    other = Arrival(start, (("company", "Globex"),))
    found = find([*same_day, next_week, other, None])
    assert set(found) == {0, 1, 2}
    assert found[0] == "3 invitations within 24h sharing company Acme"
    spread = [Arrival(start + timedelta(days=d), (("company", "Acme"),)) for d in range(3)]
    assert find(spread) == {}
    ignored = [Arrival(start, (("company", "Self-employed"),))] * 3
    assert find(ignored) == {}


@pytest.mark.parametrize(
    "text",
    [
        # Investment asks: rounds, tickets, presales, fund returns.
        "We're closing a bridge round: $400k left, $10k minimum ticket. Want an early look?",
        "I run an angel syndicate for a token presale, early holders expect strong upside.",
        "Our fund has returned 5% a month since launch. Would you like the one-pager?",
        # Follow-ups pointing back at an earlier offer, and break-up closes.
        "Just bumping this. Any thoughts on the proposal I sent?",
        "Third time lucky? If lowering your cloud bill isn't a priority, I'll stop writing.",
        # Decision-maker discovery, pain question then product.
        "Quick question: who owns decisions on observability tooling at your company?",
        "What's your biggest headache with flaky tests? We built Flakeless to fix exactly that.",
        # Two vague reciprocal reasons.
        "Would love to learn about your world and find ways to help each other.",
    ],
)
def test_general_pitch_structures(text: str) -> None:
    assert screen_message(text, "reply_to_thanks").label == "pitch"


@pytest.mark.parametrize(
    "text",
    [
        "Congrats on closing your Series B! Loved the post on scaling the on-call rotation.",
        "Following up on our chat at KubeCon: coffee next week to compare notes on Backstage?",
        "We had to whitelist the office IPs too, your post on zero-trust was spot on.",
        "Your index fund post was great: 7% annual returns over 30 years is a good reminder.",
        "I'm a journalist writing about on-call burnout. What's your biggest headache with paging?",
        "Third time I've watched your talk on SLOs - the error budget slide is gold.",
        "Danke für deinen Vortrag auf der FrOSCon, die Folien zu NixOS haben mir sehr geholfen.",
    ],
)
def test_near_misses_of_pitch_structures_stay_personal(text: str) -> None:
    assert screen_message(text, "reply_to_thanks").label == "personal"


def test_return_claim_in_any_order() -> None:
    assert "return_claim" in signals("It returned 6% a month for two years.")
    assert "return_claim" in signals("Monthly profit of 8% for every member.")
    assert "return_claim" not in signals("Our tests returned 6 failures last month.")


def test_devanagari_words_are_not_split_at_vowel_signs() -> None:
    from netinbox.screening.textnorm import tokenize

    assert len(tokenize("धन्यवाद करने").words) == 2


def test_a_disclaimer_next_to_something_for_sale_is_the_tell() -> None:
    """ "Not a pitch, just curious" does not excuse the tool mentioned after it."""
    text = (
        "Not a pitch, promise - just curious how your team handles flaky tests today? "
        "(we have a tool that quarantines them, but mostly I want to learn)"
    )
    verdict = screen_message(text)
    assert verdict.label == "pitch"
    assert "disguised_pitch" in {r.signal for r in verdict.reasons}
    honest = "Not selling anything, just wanted to say your post on on-call burnout was spot on."
    assert screen_message(honest).label == "personal"


@pytest.mark.parametrize(
    "text",
    [
        "Hey Elena, I'll keep this short. We built an AI code reviewer that catches the bugs your "
        "seniors miss. Are you the right person to talk to?",
        "Hi Amelia, I now run a boutique executive search firm focused on fintech CFOs. Would be "
        "great to see if we can support your hiring plans this year.",
        "Oi Ana! Estou montando uma mentoria em grupo para líderes de produto, vagas limitadas. "
        "Posso te mandar os detalhes?",
        "Hallo Sophie, ich organisiere einen exklusiven Mastermind-Kreis für Geschäftsführerinnen. "
        "Hätten Sie Interesse? Gerne sende ich Ihnen die Infos.",
    ],
)
def test_a_business_introduced_then_offered_is_a_pitch_in_any_wording(text: str) -> None:
    assert screen_message(text).label == "pitch"


@pytest.mark.parametrize(
    "text",
    [
        "We built something similar internally at Shopify last year - how did you handle "
        "backfills when the schema changed?",
        "Fellow eng manager here. We launched a platform team in March and I'm curious how you "
        "staffed yours. Would you be up for a call to compare notes?",
    ],
)
def test_peers_who_built_things_are_not_selling_them(text: str) -> None:
    assert screen_message(text).label == "personal"


@pytest.mark.parametrize(
    "text",
    ["想请教一下，你们checkpoint间隔一般设多少？", "هل يمكنني أن أسألك عن تجربتك؟"],
)
def test_a_question_in_another_script_is_a_question(text: str) -> None:
    """Short and without a question it would be a courtesy; the full-width or Arabic question
    mark makes it a real question."""
    assert screen_message(text).label == "personal"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("谢谢你的邀请，很高兴认识你！", "canned"),
        ("感谢您的接受，期待以后多多交流！", "canned"),
        ("つながりありがとうございます！今後ともよろしくお願いします。", "canned"),
        ("上次在QCon北京听了你讲的Flink状态管理，受益匪浅。", "personal"),
        ("先日のRubyKaigiでのご講演、とても参考になりました。", "personal"),
    ],
)
def test_chinese_and_japanese_are_counted_in_words_not_runs(text: str, label: str) -> None:
    """Without spaces a whole sentence is one token: counted by characters once the courtesy
    pieces are out, a thank-you stays canned and a specific note is personal."""
    assert screen_message(text).label == label


@pytest.mark.parametrize(
    "text",
    [
        "佐藤様、突然のご連絡失礼いたします。弊社では開発生産性を可視化するSaaSを提供しております。"
        "30分ほどオンラインでご紹介の機会をいただけないでしょうか。",
        "李总您好！我们是东莞一家专业模具厂，价格有优势。方便加个微信详细聊聊吗？可以先寄样品给您。",
        "Добрый день, Анна! Наша компания уже 10 лет делает приложения для финтеха. "
        "Давайте созвонимся на 15 минут, расскажу подробнее про кейсы?",
    ],
)
def test_pitches_in_chinese_japanese_and_russian(text: str) -> None:
    """Phrases of unspaced scripts are found inside the runs of characters."""
    assert screen_message(text).label == "pitch"


def test_where_the_sender_works_is_not_what_they_sell() -> None:
    text = (
        "Saw your post about flaky ARM runners eating your CI budget. We hit the same wall at our "
        "startup last quarter. Would you be up for a 20-min call to compare what each of us tried?"
    )
    assert screen_message(text).label == "personal"
    internal = (
        "We built our own feature-flag service internally at Vinted, and saw your talk on flag "
        "evaluation at the edge. How did you handle a flag flipping mid-request?"
    )
    assert screen_message(internal).label == "personal"


def test_a_second_different_offer_adds_up() -> None:
    text = (
        "Main ek Data Science mentorship program chalata hoon, abhi early-bird discount chal raha "
        "hai. Kya main aapko brochure bhej sakta hoon?"
    )
    verdict = screen_message(text)
    assert verdict.label == "pitch"
    assert [r.signal for r in verdict.reasons].count("offer") == 2


def test_no_strings_attached_is_sales_talk_next_to_an_offer() -> None:
    text = (
        "I ran a quick check on your company's website: it takes 6.2s to load on mobile. I put "
        "together a free 5-point audit with fixes. Shall I send it over? No strings attached."
    )
    assert screen_message(text).label == "pitch"
    favour = (
        "I volunteer as a mentor with Women in Tech Accra; one of my mentees wants to move into "
        "SRE. Would you do a 30-min mentoring chat with her? No cost and no obligation, of course."
    )
    assert screen_message(favour).label == "personal"


@pytest.mark.parametrize(
    "text",
    [
        "Just curious how you handle on-call. Grab a slot here: calendly.com/acme-sales/15min",
        "Career advice? Happy to help: book me at calendly.com/coach-anna/discovery",
    ],
)
def test_a_scheduling_link_outweighs_a_stated_good_reason(text: str) -> None:
    """Salespeople say "just curious" too: a booking link is never excused by it (the price of
    this is the rare student who shares their own calendar link)."""
    assert screen_message(text).label == "pitch"
