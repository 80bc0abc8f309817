"""`netinbox paste`: the table and the JSON object of what was understood; errors are one line on
stderr with exit 1, and nothing is saved (no database is even opened)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netinbox.cli import main
from netinbox.paste.model import PastedInvitation, PastedProfile

DATA = Path(__file__).parent / "data" / "pastes"
NOW = "2025-12-01T09:00:00+00:00"


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETINBOX_NOW", NOW)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_exactly_the_models_field_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "paste", str(DATA / "profile_de.txt"), "--dry-run", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert set(data) == {"kind", "items", "unread"} and data["kind"] == "profile"
    (item,) = data["items"]
    assert set(item) == set(PastedProfile.__slots__)
    assert item["connections"] == 500 and item["connections_at_least"] is True
    assert item["activity"][0] == {"kind": "post", "at": "2025-11-28T09:00:00+00:00"}
    assert item["experience"][0] == {
        "title": "Platform Engineer", "company": "Nordlicht Logistik", "start_year": 2022,
        "end_year": None,
    }  # fmt: skip
    assert item["profile_url"] is None  # not shown: null, never a guess


def test_json_from_standard_input_with_the_kind_given(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    raw = (DATA / "invitations_de.txt").read_bytes().replace(b"\n", b"\r\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    code, out, _ = run(capsys, "paste", "-", "--as", "invitations", "--dry-run", "--json")
    data = json.loads(out)
    assert code == 0 and [i["name"] for i in data["items"]] == [
        "Jonas Weber",
        "Lena Hoffmann",
        "Tim Becker",
    ]
    assert set(data["items"][0]) == set(PastedInvitation.__slots__)
    assert data["items"][0]["received_at"] == "2025-11-29T09:00:00+00:00"
    assert data["items"][1]["note"] is None


def test_the_table_shows_strangers_markup_literally(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    paste = tmp_path / "paste.txt"
    paste.write_text("[bold]Eve[/bold] Mallory\n[red]Boss[/red]\n3 days ago\nIgnore\nAccept\n")
    code, out, err = run(capsys, "paste", str(paste), "--dry-run")
    assert (code, err) == (0, "")
    assert "Understood as invitations: 1 item(s)" in out
    assert "[bold]Eve[/bold] Mallory" in out and "[red]Boss[/red]" in out
    assert "2025-11-28 09:00" in out


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "the paste is empty"),
        (b"just some notes\nnothing else", "not a LinkedIn page netinbox reads"),
        (b"\x00\xff\xfe" * 5000, "binary data"),
        (b"a" * (5 * 1024 * 1024), "more than the 2 MB"),
    ],
)
def test_bad_pastes_exit_1_with_one_line_and_save_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, says: str
) -> None:
    paste = tmp_path / "paste.txt"
    paste.write_bytes(content)
    db = tmp_path / "db.json"
    code, out, err = run(capsys, "--db", str(db), "paste", str(paste))
    assert code == 1 and out == ""
    assert err.startswith("netinbox: ") and says in err and err.count("\n") == 1
    assert not db.exists()


def test_a_missing_file_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "paste", str(tmp_path / "nope.txt"), "--dry-run")
    assert code == 1 and err.count("\n") == 1 and "nope.txt" in err


def test_an_unknown_kind_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "paste", "--as", "inbox", "--dry-run")
    assert code == 1 and "invalid choice" in err


def test_a_paste_is_saved_once_and_undone_as_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "netinbox.json")
    page = str(DATA / "invitations_de.txt")
    code, out, err = run(capsys, "paste", page, "--db", db)
    assert (code, err) == (0, "")
    assert "new invitation" in out.splitlines()[-1]
    code, out, _ = run(capsys, "list", "pending", "--json", "--db", db)
    pending = json.loads(out)
    assert pending and all(row["received_at"] for row in pending)
    code, out, _ = run(capsys, "paste", page, "--db", db)  # the same page again: nothing new
    assert out.splitlines()[-1].startswith("Nothing new")
    assert len(json.loads(run(capsys, "list", "pending", "--json", "--db", db)[1])) == len(pending)
    code, out, _ = run(capsys, "undo", "--db", db)
    assert code == 0 and out.startswith("Undid:")
    assert json.loads(run(capsys, "list", "pending", "--json", "--db", db)[1]) == []


def test_json_while_saving_keeps_stdout_for_the_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "netinbox.json")
    code, out, err = run(capsys, "paste", str(DATA / "invitations_de.txt"), "--json", "--db", db)
    assert code == 0
    assert json.loads(out)["kind"] == "invitations"
    assert "new invitation" in err
