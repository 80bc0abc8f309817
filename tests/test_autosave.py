"""What is typed in the draft editor is on disk when the process dies, and only until it closes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import FROZEN_NOW

from netinbox.clock import Clock
from netinbox.config import Settings
from netinbox.services import Context, autosave
from netinbox.store import Store
from tests.factories import add_person

CHILD = textwrap.dedent(
    """
    import os, sys
    from datetime import datetime
    from netinbox.clock import Clock
    from netinbox.config import Settings
    from netinbox.services import Context, autosave
    from netinbox.store import Store
    store = Store(sys.argv[1])
    ctx = Context(store, Clock(datetime.fromisoformat(sys.argv[2])), Settings())
    autosave.keep(ctx, "kim", "reply", "Hi Kim, half a thought about the guild", "follow-up")
    os._exit(9)  # killed: no close, no cleanup, the lock file left behind
    """
)


def test_what_was_typed_survives_the_process_being_killed(db_path: Path) -> None:
    ctx = Context(Store(db_path), Clock(FROZEN_NOW), Settings())
    add_person(ctx, "kim", first="Kim", last="Lee")
    ctx.store.close()
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(db_path), FROZEN_NOW.isoformat()],
        capture_output=True,
        text=True,
    )
    assert child.returncode == 9, child.stderr
    ctx = Context(Store(db_path), Clock(FROZEN_NOW), Settings())
    typed = autosave.recovered(ctx, "kim", "reply")
    assert typed is not None
    assert typed.text == "Hi Kim, half a thought about the guild"
    assert typed.template == "follow-up" and typed.at == FROZEN_NOW
    assert autosave.recovered(ctx, "kim", "thank-you") is None  # kept for the editor it came from
    autosave.drop(ctx, "kim")
    assert autosave.recovered(ctx, "kim", "reply") is None
    assert ctx.store.last_undoable() is None  # typing is not an action to undo
    ctx.store.close()
