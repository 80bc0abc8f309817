"""What a paste must never do: raise anything but PasteError, take a guess, or run strangers' text as
markup. The interface words live in a data file that ships in the package."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netinbox.paste import PasteError, parse_paste
from netinbox.paste.ages import age, day_line
from netinbox.paste.words import WORDS_FILE, words

NOW = datetime(2025, 12, 1, 9, 0, tzinfo=UTC)
DATA = Path(__file__).parent / "data" / "pastes"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "linkedin-pages"
PAGES = [*DATA.glob("*.txt"), *(SHARED.glob("*.txt") if SHARED.is_dir() else ())]
REAL_LINES = sorted({ln for path in PAGES for ln in path.read_text(encoding="utf-8").splitlines()})


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "the paste is empty"),
        ("  \r\n\t\n ", "the paste is empty"),
        ("Dear diary,\nToday was long.\nThe end.", "not a LinkedIn page netinbox reads"),
        ("x" * (2 * 1024 * 1024 + 1), "more than the 2 MB"),
        ("é" * (1024 * 1024 + 1), "more than the 2 MB"),  # 2 MB of UTF-8, not of characters
        ("\x00\x01\x02binary" * 50, "binary data"),
        ("\ufffd\x07" * 200 + "\nAccept\nIgnore", "binary data"),
    ],
)
def test_bad_pastes_are_one_clear_sentence(text: str, says: str) -> None:
    with pytest.raises(PasteError, match=says) as caught:
        parse_paste(text, NOW)
    assert "\n" not in str(caught.value)


def test_a_kind_that_does_not_fit_is_said_so() -> None:
    invitations = (DATA / "invitations_de.txt").read_text(encoding="utf-8")
    with pytest.raises(PasteError, match="nothing in the paste reads as a LinkedIn profile"):
        parse_paste("hello\nworld", NOW, kind="profile")
    with pytest.raises(PasteError, match="not a kind of page"):
        parse_paste(invitations, NOW, kind="inbox")
    assert parse_paste(invitations, NOW, kind="invitations").kind == "invitations"


def test_markup_and_escape_sequences_are_kept_as_text_or_removed() -> None:
    text = (
        "[bold red]Kayla[/] \x1b]52;c;ZXZpbA==\x07Brooks’s profile picture\n"
        "[bold red]Kayla[/] \x1b]52;c;ZXZpbA==\x07Brooks\n[link=http://x]Sales[/link]\n"
        "2 hours ago\nIgnore\nAccept\n"
    )
    (card,) = parse_paste(text, NOW).items
    assert card.name == "[bold red]Kayla[/] Brooks"  # literal, the OSC 52 sequence gone
    assert card.headline == "[link=http://x]Sales[/link]"


def test_never_a_guess_a_card_without_age_or_mutuals_has_none() -> None:
    (card,) = parse_paste("Ana Silva\nEngineer\nIgnore\nAccept", NOW).items
    assert (card.name, card.headline) == ("Ana Silva", "Engineer")
    assert (card.received_at, card.mutual_connections, card.note) == (None, None, None)


@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("2 hours ago", timedelta(hours=2)), ("Yesterday", timedelta(days=1)),
        ("vor 2 Tagen", timedelta(days=2)), ("Gestern", timedelta(days=1)),
        ("il y a 3 jours", timedelta(days=3)), ("hace 2 días", timedelta(days=2)),
        ("Viewed 3d ago", timedelta(days=3)), ("an hour ago", timedelta(hours=1)),
        ("1 week ago", timedelta(weeks=1)), ("Angesehen vor 5 Std.", timedelta(hours=5)),
        ("Today", timedelta(0)), ("Heute", timedelta(0)),
    ],
)  # fmt: skip
def test_relative_ages_in_every_language(text: str, delta: timedelta) -> None:
    assert age(words(), text, NOW) == NOW - delta


def test_ages_of_months_follow_the_calendar_and_other_lines_are_no_age() -> None:
    assert age(words(), "1mo", NOW) == datetime(2025, 11, 1, 9, tzinfo=UTC)
    for line in ("Ignore", "ad", "Kayla Brooks", "500 years ago", "3 bananas ago"):
        assert age(words(), line, NOW) is None


def test_thread_days_resolve_against_now() -> None:
    w = words()
    assert day_line(w, "Nov 20", NOW).isoformat() == "2025-11-20"
    assert day_line(w, "Dec 30", NOW).isoformat() == "2024-12-30"  # not in the future
    assert day_line(w, "28. Okt.", NOW).isoformat() == "2025-10-28"
    assert day_line(w, "Feb 30", NOW) is None


def test_the_words_file_has_english_and_german_and_ships_in_the_package() -> None:
    data = tomllib.loads(WORDS_FILE.read_text(encoding="utf-8"))
    assert {"en", "de", "fr", "es"} <= set(data)
    assert set(data["de"]) == set(data["en"])  # every concept in each language
    assert WORDS_FILE.parent.name == "paste" and WORDS_FILE.parent.parent.name == "netinbox"
    assert "annehmen" in words().get("accept")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(max_size=400),
    st.sampled_from([None, "invitations", "profile", "viewers", "conversation"]),
)
def test_random_text_raises_nothing_but_paste_error(text: str, kind: str | None) -> None:
    try:
        result = parse_paste(text, NOW, kind)
    except PasteError as exc:
        assert str(exc)
    else:
        assert result.kind in ("invitations", "profile", "viewers", "conversation")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(st.sampled_from(REAL_LINES), st.text(max_size=30)), max_size=60),
    st.sampled_from([None, "invitations", "profile", "viewers", "conversation"]),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_random_mixes_of_real_lines_raise_nothing_but_paste_error(
    lines: list[str], kind: str | None, end: str
) -> None:
    try:
        result = parse_paste(end.join(lines), NOW, kind)
    except PasteError:
        return
    for item in result.items:  # every date found is aware and resolved into the past
        for name in ("received_at", "viewed_at", "sent_at"):
            when = getattr(item, name, None)
            assert when is None or (when.tzinfo is not None and when <= NOW)
