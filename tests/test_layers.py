"""The layers go one way down: only the store imports tinydb; only the UI imports textual."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import netinbox

PACKAGE = Path(netinbox.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _offenders(top_level: str, allowed_dir: str) -> list[str]:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == allowed_dir:
            continue
        if any(
            name == top_level or name.startswith(top_level + ".")
            for name in _imported_modules(path)
        ):
            offenders.append(str(relative))
    return offenders


def test_only_the_store_imports_tinydb() -> None:
    assert _offenders("tinydb", "store") == []


def test_only_the_ui_imports_textual() -> None:
    assert _offenders("textual", "ui") == []


def test_model_does_no_io_and_imports_nothing_of_ours_but_itself() -> None:
    imported = _imported_modules(PACKAGE / "model.py")
    assert not {m for m in imported if m.startswith("netinbox")}
    assert not imported & {"os", "io", "pathlib", "json", "tinydb", "textual", "rich"}


def test_services_do_not_reach_up_into_the_ui() -> None:
    for path in (PACKAGE / "services").rglob("*.py"):
        assert not any(m.startswith("netinbox.ui") for m in _imported_modules(path)), path


def test_scripting_commands_do_not_load_textual() -> None:
    """`netinbox list` must stay quick: the CLI imports the UI only to run the full-screen app."""
    code = "import sys, netinbox.cli, netinbox.services.listing;print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
