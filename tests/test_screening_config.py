"""Screening configuration: bundled data files, user overrides, clear errors for bad files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from netinbox.cli import main
from netinbox.config import ConfigError
from netinbox.paths import user_config_dir
from netinbox.screening import config, screen_message, screen_profile
from netinbox.screening.config import ScreeningConfigError


@pytest.fixture(autouse=True)
def fresh_config() -> Iterator[None]:
    """Each test reads the files again (the conftest fixture points the config dir at a temp dir)."""
    config.reset()
    yield
    config.reset()


@pytest.fixture
def user_dir() -> Path:
    path = user_config_dir() / "screening"
    path.mkdir(parents=True)
    return path


def test_every_bundled_file_loads_and_ships_in_the_package() -> None:
    data = config.load()
    assert set(data) == {name.removesuffix(".toml") for name in config.FILES}
    for name in config.FILES:
        assert (config.DATA_DIR / name).is_file()
    assert "calendly.com" in data["messages"]["scheduler"]["domains"]
    assert data["schools"]["schools"]["insead"]["families"] == ["management", "economics"]


def test_user_lists_extend_the_bundled_ones(user_dir: Path) -> None:
    text = "Book time with me here: meet.example-scheduler.io/ana"
    assert screen_message(text).label != "pitch"
    (user_dir / "messages.toml").write_text(
        '[scheduler]\ndomains = ["example-scheduler.io"]\n', encoding="utf-8"
    )
    config.reset()
    verdict = screen_message(text)
    assert verdict.label == "pitch"
    assert verdict.reasons[0].signal == "scheduler_link"
    assert (
        "calendly.com" in config.load()["messages"]["scheduler"]["domains"]
    )  # extended, not replaced


def test_user_scalars_override(user_dir: Path) -> None:
    (user_dir / "profiles.toml").write_text("[thresholds]\nhuge_network = 500\n", encoding="utf-8")
    config.reset()
    profile = {
        "connections": 900,
        "posts_90d": 0,
        "comments_90d": 0,
        "reactions_90d": 0,
        "education": [],
    }
    assert screen_profile(profile).label == "list_builder"


def test_a_user_school_entry_replaces_the_bundled_one(user_dir: Path) -> None:
    degree = [
        {"school": "INSEAD", "degree": "BSc", "field": "Electrical Engineering", "end_year": 2012}
    ]
    assert screen_profile({"education": degree}).label == "likely_fake"
    (user_dir / "schools.toml").write_text(
        '[schools.insead]\nnames = ["insead"]\nfamilies = ["management", "engineering"]\n'
        'levels = ["bachelor", "master"]\n\n'
        '[schools.acme_music]\nnames = ["Acme Conservatory"]\nfamilies = ["music"]\nlevels = ["bachelor"]\n',
        encoding="utf-8",
    )
    config.reset()
    assert screen_profile({"education": degree}).label == "genuine"
    acme = [{"school": "Acme Conservatory", "degree": "BSc", "field": "Physics", "end_year": 2012}]
    assert screen_profile({"education": acme}).label == "likely_fake"


def test_remove_drops_bundled_entries(user_dir: Path) -> None:
    assert screen_message("Thanks, likewise!").label == "canned"
    (user_dir / "canned.toml").write_text(
        '[remove]\nphrases = ["likewise"]\ncourtesy_words = ["likewise"]\n', encoding="utf-8"
    )
    config.reset()
    assert "likewise" not in config.load()["canned"]["phrases"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("messages.toml", "[thresholds\n", "messages.toml"),
        ("messages.toml", "[thresholds]\npitch_threshold = 'high'\n", "thresholds.pitch_threshold"),
        ("selling.toml", "offer = [1, 2]\n", "list of strings"),
        ("selling.toml", "ofer = ['typo']\n", "unknown key(s) ofer"),
        (
            "schools.toml",
            '[schools.x]\nnames = "X"\nfamilies = []\nlevels = []\n',
            "schools.x.names",
        ),
        (
            "schools.toml",
            '[kinds.x]\nnames = ["x school"]\ngrants = ["arts"]\nnever = "law"\n',
            "kinds.x.never",
        ),
        ("canned.toml", '[remove]\nnope = ["x"]\n', "remove.nope"),
        ("employers.toml", "[rules]\ncompetitor_min_rank = 'high'\n", "rules.competitor_min_rank"),
        ("employers.toml", '[sectors.x]\nemployers = "Acme"\n', "sectors.x.employers"),
    ],
)
def test_bad_config_files_give_a_clear_error_naming_the_file(
    user_dir: Path, name: str, content: str, message: str
) -> None:
    (user_dir / name).write_text(content, encoding="utf-8")
    config.reset()
    with pytest.raises(ScreeningConfigError) as caught:
        config.load()
        # Tables compiled from the files are checked when first used: use them.
        roles = [{"title": "CEO", "company": c, "start_year": 2020} for c in ("Acme", "Initech")]
        screen_profile({"experience": roles})
    assert str(user_dir / name) in str(caught.value)
    assert message in str(caught.value)
    assert isinstance(caught.value, ConfigError)


def test_bad_config_through_the_command_is_one_line(
    user_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (user_dir / "scam.toml").write_bytes(b"\xff\xfe not toml")
    config.reset()
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "m1", "text": "hi"}\n', encoding="utf-8")
    assert main(["screen", str(source)]) == 1
    err = capsys.readouterr().err
    assert "scam.toml" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_the_user_sets_the_minimum_years_between_degrees(user_dir: Path) -> None:
    education = [
        {"school": "Uni", "degree": "BSc", "field": "Physics", "end_year": 2012},
        {"school": "Uni", "degree": "PhD", "field": "Physics", "end_year": 2015},
    ]
    assert screen_profile({"education": education}).label == "genuine"
    (user_dir / "degrees.toml").write_text(
        "[sequence.doctorate]\nafter = { bachelor = 4 }\n", encoding="utf-8"
    )
    config.reset()
    verdict = screen_profile({"education": education})
    assert verdict.label == "likely_fake"
    assert "a doctorate takes 4+ years" in verdict.reasons[0].evidence


def test_the_user_lowers_the_rank_rivals_need(user_dir: Path) -> None:
    experience = [
        {"title": "Consultant", "company": "Deloitte", "start_year": 2018, "end_year": 2022},
        {"title": "Consultant", "company": "KPMG", "start_year": 2019, "end_year": 2022},
    ]
    profile = {"experience": experience, "first_job_year": 2010}
    assert screen_profile(profile, year=2026).label == "genuine"
    (user_dir / "employers.toml").write_text("[rules]\ncompetitor_min_rank = 2\n", encoding="utf-8")
    config.reset()
    assert screen_profile(profile, year=2026).label == "likely_fake"
