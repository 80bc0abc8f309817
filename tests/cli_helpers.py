"""The command line as the CLI tests drive it: in-process runs, a demo database at a frozen time."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from netinbox.cli import main

NOW_TEXT = "2026-03-01T09:00:00+00:00"  # a Sunday
NOW = datetime.fromisoformat(NOW_TEXT)


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def json(self) -> list[dict]:
        return json.loads(self.out)

    def assert_one_line_ok(self) -> str:
        assert (self.code, self.err) == (0, ""), self.err
        assert self.out.endswith("\n") and self.out.count("\n") == 1, self.out
        return self.out.strip()

    def assert_one_line_error(self) -> str:
        assert self.code == 1
        assert self.out == ""
        assert self.err.startswith("netinbox: "), self.err
        assert self.err.endswith("\n") and self.err.count("\n") == 1, self.err
        assert "Traceback" not in self.err
        return self.err.strip()


def db_state(path: Path) -> tuple[bytes, ...]:
    """Everything on disk that makes up the database (the snapshot and its journal)."""
    return tuple(
        p.read_bytes() for p in (path, path.with_name(path.name + ".journal")) if p.exists()
    )


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    def run(*argv: object) -> Result:
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@pytest.fixture
def run(db: Path, capsys: pytest.CaptureFixture[str]):
    """`netinbox --db DB …` on the test file's own `db` fixture: (status, stdout, stderr)."""

    def call(*argv: str) -> tuple[int, str, str]:
        code = main(["--db", str(db), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return call


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> datetime:
    monkeypatch.setenv("NETINBOX_NOW", NOW_TEXT)
    return NOW


@pytest.fixture
def demo_db(tmp_path: Path, frozen: datetime, cli) -> Path:
    """A database seeded with the demo through the CLI, at the frozen time."""
    path = tmp_path / "demo.json"
    result = cli("--demo", "--db", path, "list", "pending", "--json")
    assert result.code == 0, result.err
    assert path.exists()
    return path


def ids_of(result: Result) -> list[str]:
    assert result.code == 0, result.err
    return [row["id"] for row in result.json]


def row_of(result: Result, person_id: str) -> dict | None:
    return next((row for row in result.json if row["id"] == person_id), None)


def aware(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    assert moment.tzinfo is not None and moment.utcoffset() is not None, value
    return moment
