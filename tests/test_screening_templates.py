"""Templates across senders: the same outreach from three or more people, with small edits, is a
pitch as soon as its text asks for anything or offers anything, whatever each copy scores alone."""

from __future__ import annotations

from netinbox.screening import screen_batch, screen_message
from netinbox.screening.intent import asks_or_offers
from netinbox.screening.message_signals import analyse

ASKING = [
    ("Ana Silva", "Robin", "Hi Robin, I enjoyed your posts on build caches. Are you going to any of the Berlin meetups this autumn? It would be nice to say hello in person."),  # noqa: E501
    ("Bo Chan", "Sam", "Hi Sam, I really enjoyed your posts on build caches! Are you going to any of the Berlin meetups this autumn? Would be nice to say hello in person."),  # noqa: E501
    ("Cleo Park", "Jonas", "Hello Jonas, enjoyed your posts about build caches. Are you going to one of the Berlin meetups this autumn? It would be nice to say hello in person."),  # noqa: E501
]  # fmt: skip
COURTEOUS = [
    ("Ana Silva", "Robin", "Hi Robin, great to be connected with you here. How are you? Wishing you a wonderful week ahead and lots of success!"),  # noqa: E501
    ("Bo Chan", "Sam", "Hi Sam, great to be connected with you here! How are you? Wishing you a wonderful week ahead and much success!"),  # noqa: E501
    ("Cleo Park", "Jonas", "Hello Jonas, great to be connected with you here. How are you? Wishing you a lovely week ahead and lots of success!"),  # noqa: E501
]  # fmt: skip


def _items(rows: list[tuple[str, str, str]]) -> list[dict]:
    return [
        {"text": text, "sender_name": sender, "recipient_first_name": to, "kind": "reply_to_thanks"}
        for sender, to, text in rows
    ]


def test_three_senders_asking_the_same_thing_are_all_pitches() -> None:
    # Alone, each copy reads as a personal note (it mentions the posts and a meetup).
    assert all(screen_message(t, "reply_to_thanks", to).label == "personal" for _, to, t in ASKING)
    verdicts = screen_batch(_items(ASKING))
    assert [v.label for v in verdicts] == ["pitch"] * 3
    first = verdicts[0].reasons[0]
    assert first.signal == "template"
    assert first.evidence.startswith("same text as 2 other senders, asking: ")


def test_two_senders_are_a_template_but_not_yet_outreach() -> None:
    verdicts = screen_batch(_items(ASKING[:2]))
    assert all(v.reasons[0].evidence == "same text as 1 other sender" for v in verdicts)
    assert all(v.label == "canned" for v in verdicts)


def test_three_senders_with_no_ask_and_no_offer_stay_canned() -> None:
    verdicts = screen_batch(_items(COURTEOUS))
    assert [v.label for v in verdicts] == ["canned"] * 3


def test_one_sender_three_times_is_no_template() -> None:
    same = [("Ana Silva", to, text) for _, to, text in ASKING]
    assert all(
        v.reasons[:1] == () or v.reasons[0].signal != "template" for v in screen_batch(_items(same))
    )


def test_what_counts_as_asking_or_offering() -> None:
    def found(text: str) -> str | None:
        return asks_or_offers(analyse(text, "Robin"))

    assert found("Would you be open to a chat?")
    assert found("I can share the checklist we use.")  # an offer, no question
    assert found("Hättest du Lust auf einen kurzen Austausch")
    assert found("Seriez-vous disponible la semaine prochaine")
    # Courtesies that only sound like asks or offers.
    assert found("Thanks for connecting! Let me know if I can ever help.") is None
    assert found("Great to connect. How are you?") is None
    assert found("Great to connect, have a nice week.") is None
