"""`python -m netinbox` as a real process: one-line errors, never a traceback; the notice at quit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import NOW, NOW_TEXT, aware, db_state
from factories import add_person

from netinbox.services import Context
from netinbox.store import Store

# --- as a real process ----------------------------------------------------------------------------


def _netinbox(*argv: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NETINBOX_NOW=NOW_TEXT)
    env.pop("NETINBOX_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "netinbox", *map(str, argv)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_python_m_netinbox_runs_the_demo_listing(tmp_path: Path) -> None:
    path = tmp_path / "demo.json"
    proc = _netinbox("--demo", "--db", path, "list", "pending", "--json", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, "")
    rows = json.loads(proc.stdout)
    assert rows and all(aware(row["received_at"]) <= NOW for row in rows)

    proc = _netinbox("--db", path, "accept", rows[0]["id"], cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout.count("\n") == 1

    proc = _netinbox("--version", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.startswith("netinbox ")


@pytest.mark.parametrize(
    ("argv", "content"),
    [
        (["accept", "no-such-person"], None),
        (["reply", "x", "--kind", "bogus"], None),
        (["frobnicate"], None),
        (["list", "pending", "--json"], b"{not json"),
        (["mark", "x", "--due", "whenever"], None),
    ],
    ids=["unknown-id", "bad-kind", "unknown-command", "damaged-db", "bad-due"],
)
def test_errors_in_a_real_process_never_print_a_traceback(
    tmp_path: Path, argv: list[str], content: bytes | None
) -> None:
    path = tmp_path / "db.json"
    if content is None:
        assert (
            _netinbox("--demo", "--db", path, "list", "people", "--json", cwd=tmp_path).returncode
            == 0
        )
    else:
        path.write_bytes(content)
    before = db_state(path)
    proc = _netinbox("--db", path, *argv, cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.startswith("netinbox: ") and proc.stderr.count("\n") == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert db_state(path) == before


def test_quitting_says_so_when_saving_will_take_a_moment(
    ctx: Context, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A long journal is folded into the snapshot at close: the user is told, not left waiting."""
    import netinbox.cli as cli_module
    import netinbox.store.engine as engine

    add_person(ctx, "ana")
    ctx.store.close()
    store = Store(ctx.store.path)
    add_person(Context(store, ctx.clock, ctx.settings), "ben")
    assert store.journal_to_fold() == 0  # a short journal: closing is instant, nothing said
    cli_module._say_when_saving_takes_a_moment(store)
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(engine, "COMPACT_ON_CLOSE_BYTES", 1)
    monkeypatch.setattr(cli_module, "SAVING_NOTICE_BYTES", 1)
    assert store.journal_to_fold() > 0
    cli_module._say_when_saving_takes_a_moment(store)
    assert "netinbox: saving" in capsys.readouterr().err
    store.close()
    assert store.journal_to_fold() == 0
