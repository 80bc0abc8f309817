"""Profile signals: scams, someone else's name, list-builders and the genuine people who look like them."""

from __future__ import annotations

import pytest
from profile_helpers import person, signals_of

from netinbox.screening import screen_batch, screen_profile


def test_the_baseline_is_genuine() -> None:
    assert screen_profile(person()).label == "genuine"


@pytest.mark.parametrize(
    ("field", "text", "signal"),
    [
        (
            "invitation_note",
            "Let's continue on WhatsApp, I don't use LinkedIn much.",
            "scam_off_platform",
        ),
        ("headline", "Crypto mentor | Guaranteed 30% monthly returns", "scam_guaranteed_returns"),
        (
            "invitation_note",
            "Hello dear, I saw your beautiful smile and want to know you better.",
            "scam_romance_opener",
        ),
        (
            "invitation_note",
            "Lost funds to a fake broker? We recover your money.",
            "scam_fund_recovery",
        ),
        (
            "invitation_note",
            "Remote job, no experience needed, 450€ per day. Contact me on Telegram.",
            "scam_job_scam",
        ),
    ],
)
def test_scam_patterns(field: str, text: str, signal: str) -> None:
    verdict = screen_profile(person(**{field: text}))
    assert verdict.label == "likely_fake"
    assert signal in {r.signal for r in verdict.reasons}


def test_whatsapp_alone_is_not_a_scam() -> None:
    profile = person(invitation_note="Hi Robin, happy to connect. Reach me on WhatsApp if easier.")
    assert screen_profile(profile).label == "genuine"


def test_headline_or_signature_naming_someone_else() -> None:
    assert "identity_mismatch" in signals_of(
        person(headline="Jessica Huang | Head of Talent at Stripe")
    )
    assert "identity_mismatch" in signals_of(
        person(invitation_note="Would love to connect. Best regards, Sarah Kim")
    )
    assert screen_profile(person(headline="Ana Silva | Platform Engineer")).label == "genuine"
    assert screen_profile(person(invitation_note="Great talk! Cheers, Ana")).label == "genuine"
    nickname = person(name="Katherine Miller", invitation_note="Enjoyed your post. Best, Kate")
    assert screen_profile(nickname).label == "genuine"
    assert screen_profile(person(headline="Brightlane Career Lab | Member")).label == "genuine"
    assert "identity_mismatch" in signals_of(
        person(headline="Natalie Brooks | Senior Talent Partner at Zenroute")
    )


def test_returns_claim_with_a_move_off_platform_is_a_scam() -> None:
    note = "I share daily signals with a small group. 100% win rate last month. WhatsApp me."
    verdict = screen_profile(person(invitation_note=note))
    assert verdict.label == "likely_fake"
    assert "scam_guaranteed_returns" in {r.signal for r in verdict.reasons}
    quiet = person(headline="Sales lead | Raised win rate by 20% in a year")
    assert screen_profile(quiet).label == "genuine"


def test_huge_network_without_activity_is_a_list_builder() -> None:
    profile = person(
        connections=28_000,
        posts_90d=0,
        comments_90d=0,
        reactions_90d=1,
        mutual_connections=60,
        invitation_note="",
    )
    verdict = screen_profile(profile)
    assert verdict.label == "list_builder"
    assert {"huge_network_no_activity", "many_mutuals", "no_note"} <= {
        r.signal for r in verdict.reasons
    }
    active = person(connections=28_000, posts_90d=20, comments_90d=90, reactions_90d=500)
    assert screen_profile(active).label == "genuine"


def test_huge_network_while_new_to_the_workforce() -> None:
    profile = person(
        connections=9_000, first_job_year=2025, posts_90d=0, comments_90d=0, reactions_90d=0
    )
    assert "network_vs_career" in signals_of(profile)
    student = person(connections=150, first_job_year=None, experience=[])
    assert screen_profile(student).label == "genuine"


def test_networking_programme_and_generic_note() -> None:
    profile = person(
        headline="SDR | Brightlane Career Lab member",
        connections=12_000, posts_90d=0, comments_90d=0, reactions_90d=0,
        invitation_note="I'd like to add you to my professional network.",
    )  # fmt: skip
    verdict = screen_profile(profile)
    assert verdict.label == "list_builder"
    assert {"networking_programme", "generic_note"} <= {r.signal for r in verdict.reasons}
    cisco = person(
        headline="Network engineer | Cisco Networking Academy instructor", connections=4000
    )
    assert "networking_programme" not in signals_of(cisco)


def test_quiet_people_and_people_without_photos_are_genuine() -> None:
    quiet = person(connections=40, posts_90d=0, comments_90d=0, reactions_90d=0, has_photo=False,
                   invitation_note="", viewed_my_profile=False, mutual_connections=0)  # fmt: skip
    assert screen_profile(quiet).label == "genuine"


def test_a_note_that_is_a_pitch_is_a_reason_but_not_a_verdict() -> None:
    note = "Hi Robin, I help platform teams cut CI costs by 40%. Open to a 15-minute call?"
    salesy = person(
        invitation_note=note, connections=16_000, posts_90d=0, comments_90d=0, reactions_90d=0
    )
    assert "note_is_pitch" in signals_of(salesy)
    assert screen_profile(person(invitation_note=note)).label == "genuine"


def test_template_notes_and_bursts_count_in_a_batch() -> None:
    note = (
        "Hi {n}, I am expanding my network with leaders in tech "
        "and would be glad to connect with you today."
    )
    sdr = [{"title": "SDR", "company": "Pipeflow", "start_year": 2020, "end_year": None}]
    base = dict(
        connections=9_000, posts_90d=0, comments_90d=0, reactions_90d=0, first_job_year=2016,
        experience=sdr,
    )  # fmt: skip
    batch = [
        person(
            name=name,
            invitation_note=note.format(n="Robin"),
            received_at=f"2026-03-01T{h:02d}:00:00Z",
            **base,
        )
        for h, name in enumerate(["Ann Lee", "Bo Chan", "Cy Diaz"])
    ]
    alone = screen_profile(batch[0])
    together = screen_batch(batch)
    assert alone.label == "genuine"  # a large quiet network alone is not enough
    assert all(v.label == "list_builder" for v in together)
    found = {r.signal for v in together for r in v.reasons}
    assert {"template_note", "burst"} <= found


SPARSE = dict(connections=40, posts_90d=0, comments_90d=0, reactions_90d=0)


@pytest.mark.parametrize(
    "note",
    [
        "Hello! Remote data entry position, $45/hr, flexible hours. Message our HR on Telegram.",
        "Bonjour, poste en télétravail, 300 € par jour pour quelques tâches. Écrivez-moi sur WhatsApp.",
        "Hallo, Nebenjob: 200 € pro Tag für einfache Aufgaben. Melden Sie sich per WhatsApp.",
        "Ciao, offriamo un lavoro da casa, 150 € al giorno. Contattami su Telegram.",
        "Hola, tenemos un trabajo remoto: 100 USD por hora. Escríbeme por WhatsApp.",
        "Olá, temos uma vaga remota: R$ 500 por dia. Fale comigo no WhatsApp.",
        "We are hiring for easy online tasks, high pay, a small refundable registration fee applies.",
    ],
)
def test_a_job_offer_with_pay_per_period_and_a_move_elsewhere_is_a_scam(note: str) -> None:
    verdict = screen_profile(person(invitation_note=note))
    assert verdict.label == "likely_fake"
    assert "scam_job_offer" in {r.signal for r in verdict.reasons}


@pytest.mark.parametrize(
    "note",
    [
        "My late client left $4.5 million and you can be named as his next of kin.",
        "Mon défunt client a laissé 3,5 millions d'euros sans héritier connu.",
        "Ein verstorbener Kunde hinterließ 2,8 Millionen Euro auf einem ruhenden Konto.",
        "Un mio cliente deceduto ha lasciato 4 milioni di euro, lei è il parente più prossimo.",
        "Mi cliente fallecido dejó 5 millones de dólares en fondos no reclamados.",
        "Há uma herança de um cliente falecido; precisamos fazer a transferência dos fundos.",
    ],
)
def test_an_advance_fee_story_with_a_sum_or_a_transfer_is_a_scam(note: str) -> None:
    verdict = screen_profile(person(invitation_note=note))
    assert verdict.label == "likely_fake"
    assert "scam_advance_fee" in {r.signal for r in verdict.reasons}


@pytest.mark.parametrize(
    "note",
    [
        "Good day. I am contacting you regarding the unclaimed estate of a deceased client.",
        "Earn €650/day from home, a small refundable deposit is all it takes.",
    ],
)
def test_a_scam_hint_counts_on_a_sparse_profile_only(note: str) -> None:
    sparse = screen_profile(person(invitation_note=note, **SPARSE))
    assert sparse.label == "likely_fake"
    assert "sparse_profile" in {r.signal for r in sparse.reasons}
    assert screen_profile(person(invitation_note=note)).label == "genuine"


@pytest.mark.parametrize(
    "note",
    [
        # A recruiter's day rate with a corporate mailbox, a salary, a freelancer's rate.
        "Hi Robin, contract role at £600/day outside IR35, 6 months. Send your CV to jane@agency.co.uk",
        "Hi Robin, we are hiring a Senior Data Engineer, €90k–110k, hybrid in Berlin.",
        "Hi Robin, I'm a freelance designer (€400 per day), let's stay in touch!",
        # Money and kin in honest notes.
        "We raised €2 million for our beneficiaries last year, would love to connect.",
        "Sorry to hear about your late father. Thinking of you, Robin.",
        "Congrats on the new role! Happy to chat on WhatsApp if easier.",
        "Our programme has no fee for the role of volunteer mentor.",
    ],
)
def test_honest_notes_with_pay_money_or_kin_stay_genuine_even_on_a_sparse_profile(
    note: str,
) -> None:
    assert screen_profile(person(invitation_note=note, **SPARSE)).label == "genuine"


@pytest.mark.parametrize(
    ("name", "headline", "note"),
    [
        ("Olga Petrova", "Анна Смирнова | HR-менеджер", ""),
        ("Nikos Pappas", "Γιώργος Παπαδόπουλος | Μηχανικός", ""),
        ("Wei Wang", "李娜｜产品经理", ""),
        ("Minjun Kim", "박지우 | 소프트웨어 엔지니어", ""),
        ("Ana Silva", "María José García López | Directora de RRHH", ""),
        ("Ana Silva", "", "Great to connect after your talk! — Sarah"),
        ("Ana Silva", "", "Great to connect!\n- Sarah Kim, Talent Partner"),
        ("Ana Silva", "", "Hi Robin, this is Okonkwo from Acme, we met at KubeCon."),
        ("Ana Silva", "", "Bonjour Robin, je suis Camille de Capgemini."),
        ("Ana Silva", "", "Hola Robin, soy Lucía de Telefónica."),
        ("Ana Silva", "", "Ciao Robin, mi chiamo Giulia e lavoro a Milano."),
        ("Ana Silva", "", "Gracias por conectar. Saludos cordiales, Lucía"),
    ],
)
def test_a_headline_or_note_naming_someone_else_in_any_script_or_language(
    name: str, headline: str, note: str
) -> None:
    overrides = {
        "name": name,
        "invitation_note": note,
        **({"headline": headline} if headline else {}),
    }
    verdict = screen_profile(person(**overrides))
    assert verdict.label == "likely_fake"
    assert "identity_mismatch" in {r.signal for r in verdict.reasons}


@pytest.mark.parametrize(
    ("name", "headline", "note", "experience"),
    [
        ("Ana Silva", "Assistant to Jane Doe | Acme", "", None),
        ("Ana Silva", "Jane Doe's Executive Assistant", "", None),
        ("Ana Silva", "Chief of Staff to the CEO", "", None),
        ("Ana Silva", "EA to Maria Rossi | Acme", "", None),
        ("Ana Silva", "Ralph Lauren | Sales Associate", "", None),
        ("Ana Silva", "Michael Page | Senior Consultant", "", None),
        ("Ana Silva", "Charles Schwab | Financial Consultant", "", None),
        ("Ana Silva", "Anna Berg Studio | Founder", "", None),
        (
            "Ana Silva",
            "Jonas Weber | Sales",
            "",
            [
                {
                    "title": "Sales",
                    "company": "Jonas Weber GmbH",
                    "start_year": 2019,
                    "end_year": None,
                }
            ],
        ),
        ("Maria Ivanova", "Мария Иванова | HR", "", None),
        ("Мария Иванова", "Maria Ivanova | HR", "", None),
        ("Yulia Ivanova", "Юлия Иванова | HR", "", None),
        ("Wei Wang", "王伟｜产品经理", "", None),
        ("Wei Wang", "高级产品经理｜腾讯", "", None),
        ("Taro Tanaka", "田中 太郎 | エンジニア", "", None),
        ("Ana Silva", "", "Loved your talk. — Ana", None),
        ("Ana Silva", "", "Great to connect! — Sent from my iPhone", None),
        ("Ana Silva", "", "Bonjour, je suis ravie de vous rencontrer.", None),
        ("Ana Silva", "", "Bonjour, je suis Consultante chez Capgemini.", None),
        ("Ana Silva", "", "Hi, I'm Italian, from Rome originally.", None),
        ("Ana Silva", "", "Hi, I'm Jane's assistant, she asked me to reach out.", None),
        ("Ana Silva", "", "Hi! I am EA to the CEO of Acme.", None),
        ("Ana Silva", "", "Hi Robin, I am Senior Recruiter at Acme.", None),
    ],
)
def test_look_alikes_of_someone_elses_name_stay_genuine(
    name: str, headline: str, note: str, experience: list | None
) -> None:
    overrides: dict = {"name": name, "invitation_note": note or person()["invitation_note"]}
    if headline:
        overrides["headline"] = headline
    if experience:
        overrides["experience"] = experience
    assert screen_profile(person(**overrides)).label == "genuine"
