"""No verdict without evidence: a profile that carries no facts is "unchecked", not genuine, in the
screening, the invitation's label, `netinbox screen`, `list pending --json`, exports and sorting."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import FROZEN_NOW_TEXT
from factories import add_invitation

from netinbox.cli import main
from netinbox.model import INVITATION_LABELS, Education, Experience, Person
from netinbox.screening import screen_batch, screen_profile
from netinbox.screening.command import screen_lines
from netinbox.screening.facts import FACT_KINDS
from netinbox.services import Context, screening
from netinbox.services.lists.inbox import pending
from netinbox.services.screening import missing_facts

PITCH_NOTE = "I help SaaS founders double their pipeline. Grab 15 minutes: calendly.com/ana/intro"
BARE = {"id": "p", "name": "Ana Silva", "connections": None, "education": []}
NO_FACTS = "connections, activity, education, experience unknown"
# One fact of each kind, as the profile rules read them (a known 0 is a fact).
ONE_FACT = {
    "connections": {"connections": 240},
    "followers": {"followers": 0},
    "activity": {"posts_90d": 0},
    "education": {"education": [{"school": "ETH Zürich", "degree": "MSc", "field": "Physics"}]},
    "experience": {"experience": [{"title": "Engineer", "company": "Acme", "start_year": 2019}]},
    "first job": {"first_job_year": 2018},
}


# -- the screening ----------------------------------------------------------------------------------


def test_a_profile_without_facts_is_unchecked_and_says_what_is_missing() -> None:
    verdict = screen_profile(BARE)
    assert verdict.label == "unchecked"
    assert [(r.signal, r.evidence) for r in verdict.reasons] == [("no_profile_facts", NO_FACTS)]


def test_a_headline_company_photo_and_mutuals_are_not_facts_to_judge_by() -> None:
    profile = {
        **BARE,
        "headline": "Product designer",
        "company": "Acme",
        "has_photo": True,
        "mutual_connections": 4,
        "viewed_my_profile": True,
    }
    assert screen_profile(profile).label == "unchecked"


@pytest.mark.parametrize("fact", ONE_FACT.values(), ids=list(ONE_FACT))
def test_one_fact_of_any_kind_is_enough_for_a_verdict(fact: dict) -> None:
    assert screen_profile({**BARE, **fact}).label == "genuine"


def test_a_warning_on_a_bare_profile_still_decides() -> None:
    scam = {**BARE, "headline": "Crypto mentor | WhatsApp me for guaranteed returns"}
    assert screen_profile(scam).label == "likely_fake"


def test_the_labelled_profiles_all_have_facts_and_none_is_unchecked() -> None:
    folder = Path(__file__).parent / "data" / "screening_validation"
    for path in sorted(folder.glob("profiles*.jsonl")):
        rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
        labels = [v.label for v in screen_batch(rows)]
        assert "unchecked" not in labels, path.name


def test_netinbox_screen_says_unchecked_for_a_line_without_usable_facts() -> None:
    lines = [
        json.dumps(BARE).encode(),
        json.dumps({**BARE, "id": "q", "connections": "many"}).encode(),  # unreadable: no fact
        json.dumps({**BARE, "id": "r", "connections": 320}).encode(),
    ]
    rows, failed = screen_lines(lines)
    assert failed == 1  # "many" is the caller's mistake, said on its line
    assert rows[0] == {
        "id": "p",
        "label": "unchecked",
        "score": 1.0,
        "reasons": [{"signal": "no_profile_facts", "evidence": NO_FACTS}],
    }
    assert rows[2]["label"] == "genuine"


# -- the invitation's label ------------------------------------------------------------------------


def _screened(ctx: Context, note: str, **person_fields) -> str:
    add_invitation(ctx, "ana", note=note, first="Ana", last="Silva", **person_fields)
    screening.rescreen(ctx)
    verdict = ctx.store.pending_invitation("ana").verdict
    assert verdict is not None
    return verdict.label


@pytest.mark.parametrize(
    "note", ["", "Thanks for connecting!", "Loved your talk on IDPs at KubeCon in Paris"]
)
def test_an_inviter_without_facts_is_unchecked_whatever_the_harmless_note(
    ctx: Context, note: str
) -> None:
    assert _screened(ctx, note) == "unchecked"
    verdict = ctx.store.pending_invitation("ana").verdict
    assert verdict.reasons[0] == ("no_profile_facts", NO_FACTS)


def test_a_pitch_note_from_an_inviter_without_facts_is_still_a_pitch(ctx: Context) -> None:
    assert _screened(ctx, PITCH_NOTE) == "pitch"
    reasons = ctx.store.pending_invitation("ana").verdict.reasons
    assert ("no_profile_facts", NO_FACTS) in reasons  # the card can still say what is missing


def test_an_inviter_with_facts_keeps_the_old_verdicts(ctx: Context) -> None:
    assert _screened(ctx, "", connections=310, posts_90d=2) == "genuine"


def test_the_demo_keeps_every_verdict_it_had(demo_ctx: Context) -> None:
    result = screening.rescreen(demo_ctx)
    assert "unchecked" not in result.labels
    assert set(result.labels) == {"genuine", "list_builder", "likely_fake", "pitch"}


def test_a_rescreen_counts_unchecked_apart(ctx: Context) -> None:
    add_invitation(ctx, "ana", first="Ana", last="Silva")
    add_invitation(ctx, "ben", first="Ben", last="Okoro", connections=400, posts_90d=1)
    result = screening.rescreen(ctx)
    assert result.labels == {"genuine": 1, "unchecked": 1}
    assert "1 genuine, 1 unchecked" in result.line()


def test_unchecked_is_an_invitation_label_the_user_can_override(ctx: Context) -> None:
    assert "unchecked" in INVITATION_LABELS
    assert _screened(ctx, "") == "unchecked"
    screening.override(ctx, "ana", "genuine")
    verdict = ctx.store.pending_invitation("ana").verdict
    assert (verdict.label, verdict.shown_label, verdict.by_user) == ("unchecked", "genuine", True)
    screening.rescreen(ctx)  # the machine's label stays unchecked, the user's wins
    assert ctx.store.pending_invitation("ana").verdict.shown_label == "genuine"


def test_sorting_by_verdict_puts_unchecked_after_the_warnings_and_before_genuine(
    ctx: Context,
) -> None:
    add_invitation(ctx, "fake", first="Eve", last="Stone", hours_ago=1, education=(
        Education("HEC Paris", "Bachelor of Engineering", "Electrical Engineering", 2019),
    ))  # fmt: skip
    add_invitation(ctx, "bare", first="Ana", last="Silva", hours_ago=2)
    add_invitation(ctx, "quiet", first="Ben", last="Okoro", hours_ago=3, connections=90)
    add_invitation(ctx, "pitcher", first="Cy", last="Ode", hours_ago=4, note=PITCH_NOTE)
    add_invitation(
        ctx, "lister", first="Kay", last="Brooks", hours_ago=5, connections=27_000,
        posts_90d=0, comments_90d=0, reactions_90d=0, first_job_year=2025,
    )  # fmt: skip
    screening.rescreen(ctx)
    order = [(row.person_id, row.invitation.verdict.label) for row in pending(ctx, "verdict")]
    assert order == [
        ("fake", "likely_fake"),
        ("pitcher", "pitch"),
        ("lister", "list_builder"),
        ("bare", "unchecked"),
        ("quiet", "genuine"),
    ]


# -- what the card shows ---------------------------------------------------------------------------


def test_missing_facts_names_what_the_screening_does_not_know() -> None:
    assert missing_facts(Person("ana")) == list(FACT_KINDS)
    assert missing_facts(None) == list(FACT_KINDS)
    assert missing_facts(Person("ana", connections=500)) == ["activity", "education", "experience"]
    known = Person(
        "ana",
        followers=12,
        reactions_90d=0,
        education=(Education("ETH Zürich"),),
        experience=(Experience("Engineer", "Acme", 2019),),
    )
    assert missing_facts(known) == []
    assert missing_facts(Person("ana", first_job_year=2015)) == [
        "connections",
        "activity",
        "education",
    ]


# -- list and export -------------------------------------------------------------------------------


@pytest.fixture
def unchecked_db(ctx: Context, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    add_invitation(ctx, "ana", first="Ana", last="Silva")
    screening.rescreen(ctx)
    ctx.store.close()
    monkeypatch.setenv("NETINBOX_NOW", FROZEN_NOW_TEXT)
    return db_path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert (code, err) == (0, ""), err
    return out


def test_list_pending_json_says_unchecked(
    unchecked_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    [row] = json.loads(_run(capsys, "list", "pending", "--json", "--db", str(unchecked_db)))
    assert row["verdict"] == row["verdict_screened"] == "unchecked"
    assert row["verdict_reasons"] == [{"signal": "no_profile_facts", "evidence": NO_FACTS}]
    table = _run(capsys, "list", "pending", "--db", str(unchecked_db))
    assert "unchecked" in table


def test_exports_say_unchecked(unchecked_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(capsys, "export", "pending", "--format", "json", "--db", str(unchecked_db))
    [row] = json.loads(out)
    assert row["verdict"] == "unchecked"
    assert row["verdict_reasons"] == [f"no_profile_facts: {NO_FACTS}"]
    out = _run(capsys, "export", "pending", "--db", str(unchecked_db))
    [row] = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert row["verdict"] == "unchecked"
