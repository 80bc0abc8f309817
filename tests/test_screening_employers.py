"""Employers by name (employers.toml): folding, aliases, rivals, and the user's own additions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from netinbox.paths import user_config_dir
from netinbox.screening import config
from netinbox.screening.config import ScreeningConfigError
from netinbox.screening.employers import employer_of, rivalry, same_employer
from netinbox.screening.seniority import rank


@pytest.fixture(autouse=True)
def fresh_config() -> Iterator[None]:
    config.reset()
    yield
    config.reset()


def label(a: str, b: str) -> str | None:
    found = rivalry(a, b)
    return found.label if found else None


@pytest.mark.parametrize(
    ("written", "employer"),
    [
        ("Deloitte Consulting GmbH", "Deloitte"),
        ("PricewaterhouseCoopers LLP", "PwC"),
        ("Ernst & Young S.A.", "EY"),
        ("KPMG AG Wirtschaftsprüfungsgesellschaft", "KPMG"),
        ("McKinsey & Company, Inc.", "McKinsey"),
        ("The Boston Consulting Group", "BCG"),
        ("JPMorgan Chase & Co.", "J.P. Morgan"),
        ("Google Germany GmbH", "Google"),
        ("Zara (Inditex)", "Inditex"),
        ("Orange Polska S.A.", "Orange"),
        ("Merck KGaA, Darmstadt", "Merck KGaA"),
        ("MSD", "Merck & Co."),
    ],
)
def test_company_names_fold_to_one_employer(written: str, employer: str) -> None:
    assert employer_of(written) == employer


@pytest.mark.parametrize(
    "written",
    ["Delta Electronics", "Orange County Hospital", "Metro Bank", "Acme", "Shell Scripts Ltd"],
)
def test_a_name_that_only_starts_like_an_employer_is_not_it(written: str) -> None:
    assert employer_of(written) is None


def test_rivals_share_a_sector_or_are_listed_as_peers() -> None:
    assert label("Deloitte", "PwC") == "Big Four"
    assert label("McKinsey & Company", "Bain & Company") == "strategy consulting"
    assert label("Lufthansa", "Air France") == "airlines"
    assert label("Visa", "Mastercard") == "direct rivals"
    assert rivalry("Deloitte", "Google") is None
    assert rivalry("Deloitte", "Acme Widgets") is None  # an unknown company competes with no one
    # One group is one employer: a subsidiary is no rival of its parent.
    assert rivalry("Audi", "Volkswagen AG") is None
    assert same_employer("Audi AG", "Volkswagen")


def test_an_unknown_company_is_compared_with_itself_only() -> None:
    assert same_employer("Acme GmbH", "Acme Germany")
    assert not same_employer("Acme", "Acme Robotics")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Intern", 0),
        ("Software Engineer", 2),
        ("Senior Software Engineer", 3),
        ("Assistant Manager", 3),
        ("Senior Manager", 5),
        ("Director", 6),
        ("Vice President", 7),
        ("Chief Operating Officer", 9),
        ("Executive Assistant to the CEO", 1),
        ("Chief of Staff to the CEO", 1),
        ("Geschäftsführerin", 8),
        ("Directrice générale", 8),
        ("Responsabile marketing", 4),
        ("Sócia", 7),
        ("Barista", None),
    ],
)
def test_the_seniority_ladder_reads_titles_in_several_languages(
    title: str, expected: int | None
) -> None:
    assert rank(title) == expected


@pytest.fixture
def user_dir() -> Path:
    path = user_config_dir() / "screening"
    path.mkdir(parents=True)
    return path


def test_the_user_adds_sectors_aliases_and_peers(user_dir: Path) -> None:
    assert rivalry("Acme Robotics", "Bolt Dynamics") is None
    (user_dir / "employers.toml").write_text(
        '[sectors.robots]\nlabel = "robot makers"\nemployers = ["Acme Robotics", "Bolt Dynamics"]\n'
        '[aliases]\n"Acme Robotics" = ["Acme Robo"]\n'
        '[peers]\npairs = [["Initech", "Globex"]]\n',
        encoding="utf-8",
    )
    config.reset()
    assert label("Acme Robo GmbH", "Bolt Dynamics") == "robot makers"
    assert label("Initech", "Globex") == "direct rivals"
    assert label("Deloitte", "PwC") == "Big Four"  # the bundled table is still there


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[sectors.x]\nemployers = "Acme"\n', "sectors.x.employers"),
        ('[aliases]\n"Acme" = "Acme Inc"\n', "aliases.Acme"),
        ('[peers]\npairs = [["Acme"]]\n', "peers.pairs"),
    ],
)
def test_a_bad_employers_file_names_itself_and_the_key(
    user_dir: Path, content: str, message: str
) -> None:
    (user_dir / "employers.toml").write_text(content, encoding="utf-8")
    config.reset()
    with pytest.raises(ScreeningConfigError) as caught:
        employer_of("Deloitte")
    assert str(user_dir / "employers.toml") in str(caught.value)
    assert message in str(caught.value)
