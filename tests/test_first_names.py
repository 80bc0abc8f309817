"""First names taken from names as people type them into LinkedIn (netinbox/services/names.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netinbox.model import Person
from netinbox.services.names import first_name, greeting_name, unshout

NAMES = [
    # the issue's own examples
    ("Priya Raman, PhD", "Priya"),
    ("Sofía García (She/Her)", "Sofía"),
    ("Li Wei 🚀", "Li"),
    ("Zoë Van den Berg", "Zoë"),
    ("Dr. Hans Müller", "Hans"),
    ("MARCUS O'NEILL", "Marcus"),
    ("J. Robert Smith", "Robert"),
    # titles
    ("Prof. Dr. Anna Schmidt", "Anna"),
    ("Prof.Dr. Eva Lang", "Eva"),
    ("Dr.Hans Müller", "Hans"),
    ("Dipl.-Ing. Klaus Weber", "Klaus"),
    ("Frau Ing. Petra Klein", "Petra"),
    ("HERR DR. ANDREAS MEIER", "Andreas"),
    ("Mr. John Appleseed", "John"),
    ("Mrs Jane Porter", "Jane"),
    ("Ms. Ana Silva · 2nd", "Ana"),
    # suffixes and credentials
    ("John Smith Jr.", "John"),
    ("Henry Ford III", "Henry"),
    ("Ana Silva, MBA, PMP", "Ana"),
    ("Chen Li, CFA", "Chen"),
    # emoji, pronouns, nicknames, degree
    ("Sergey Brin ✅", "Sergey"),
    ("🌱 Maya Cohen", "Maya"),
    ("Jane Doe (she/her) · 1st", "Jane"),
    ("Alex Kim he/him", "Alex"),
    ('Robert "Bob" Smith', "Robert"),
    ("Anna (Ania) Nowak", "Anna"),
    # all caps, kept shapes
    ("JEAN-LUC PICARD", "Jean-Luc"),
    ("O'NEILL", "O'Neill"),
    ("MCDONALD", "McDonald"),
    ("D’ANGELO RUSSO", "D’Angelo"),
    ("Mary-Kate Olsen", "Mary-Kate"),
    ("McKenzie Brown", "McKenzie"),
    # initials
    ("A. B. Carl Dean", "Carl"),
    ("J.R. Tolkien", "J.R."),
    # accents and other alphabets
    ("María José López", "María"),
    ("Ólafur Arnalds", "Ólafur"),
    ("Иван Петров", "Иван"),
    ("ИВАН ПЕТРОВ", "Иван"),
    ("Ольга Смирнова", "Ольга"),
    ("محمد أحمد", "محمد"),
    ("\u200fأحمد\u200f", "أحمد"),
    ("Abdul Rahman Khan", "Abdul Rahman"),
    ("Mohammed Al-Fayed", "Mohammed"),
    # CJK: no safe split, the whole name
    ("王伟", "王伟"),
    ("김민준", "김민준"),
    ("山田 太郎", "山田 太郎"),
    # one word, and nothing
    ("Kayla", "Kayla"),
    ("🚀", ""),
    ("", ""),
]


def test_the_table_covers_at_least_forty_shapes() -> None:
    assert len({raw for raw, _ in NAMES}) >= 40


@pytest.mark.parametrize(("raw", "expected"), NAMES)
def test_first_name(raw: str, expected: str) -> None:
    assert first_name(raw) == expected


def test_unshout_leaves_names_that_are_not_all_caps_alone() -> None:
    assert unshout("danah") == "danah"
    assert unshout("MacHado") == "MacHado"
    assert unshout("MACHADO") == "Machado"  # no "Mac" rule: Machado is not MacHado


def test_greeting_keeps_a_first_name_given_in_mixed_case() -> None:
    assert greeting_name(Person("p", "Mary Ann", "Lee")) == "Mary Ann"


def test_greeting_unshouts_a_first_name_in_capitals() -> None:
    assert greeting_name(Person("p", "MARCUS", "O'NEILL")) == "Marcus"
    assert greeting_name(Person("p", "DR. HANS", "MÜLLER")) == "Hans"


def test_greeting_takes_the_first_name_from_a_whole_name_when_it_is_missing() -> None:
    assert greeting_name(Person("p", "", "Dr. Hans Müller")) == "Hans"
    assert greeting_name(Person("some-id")) == "some-id"


@given(st.text(max_size=60))
def test_any_text_gives_a_name_without_line_breaks_or_controls(raw: str) -> None:
    name = first_name(raw)
    assert name == name.strip() and "\n" not in name and "\x1b" not in name


def test_templates_greet_by_the_extracted_first_name() -> None:
    from netinbox.services.drafting import render

    assert render("Hi {first_name},", Person("p", "PRIYA", "RAMAN"), "Robin") == "Hi Priya,"


def test_a_title_stored_in_the_first_name_is_not_greeted() -> None:
    from netinbox.model import Person
    from netinbox.services.names import greeting_name

    assert greeting_name(Person("x", "Dr. Hans", "Müller")) == "Hans"
    assert greeting_name(Person("y", "María José", "García")) == "María José"  # a double name stays
