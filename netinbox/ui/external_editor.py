"""Edit text in the user's own editor ($VISUAL, else $EDITOR, else vi), the app suspended meanwhile."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from textual.app import App, SuspendNotSupported


class EditorFailed(Exception):
    """The editor could not be run or did not finish well; the message says which."""


def edit_in_editor(app: App, text: str) -> str:
    """The text as the user left it in their editor (the file is removed after)."""
    editor_cmd = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
        handle.write(text)
        path = Path(handle.name)
    try:
        with app.suspend():
            status = subprocess.call([*shlex.split(editor_cmd), str(path)])
        if status != 0:
            raise EditorFailed(f"{editor_cmd} exited with status {status}; text unchanged")
        return path.read_text(encoding="utf-8")
    except SuspendNotSupported as exc:
        raise EditorFailed("This terminal cannot hand the screen over to an editor") from exc
    except (OSError, ValueError) as exc:
        raise EditorFailed(f"Could not run {editor_cmd}: {exc}") from exc
    finally:
        path.unlink(missing_ok=True)
