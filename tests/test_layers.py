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


# -- the house inside netinbox/ui -------------------------------------------------------------------


def _module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def _ui_import_graph() -> dict[str, set[str]]:
    """Which netinbox.ui modules each netinbox.ui module imports, at any depth in the file
    (imports inside functions and under TYPE_CHECKING count: a circle is a circle)."""
    modules = {_module_name(p): p for p in (PACKAGE / "ui").rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found = set()
        for imported in _imported_modules(path):
            # "from netinbox.ui.widgets import PersonCard" imports the package; a module named
            # in the import list is one of its submodules only when such a file exists.
            if imported in modules:
                found.add(imported)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    if sub in modules:
                        found.add(sub)
        graph[name] = found - {name}
    return graph


def test_no_import_circles_inside_the_ui() -> None:
    graph = _ui_import_graph()
    circles = []
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                circles.append(" → ".join(path[path.index(nxt) :] + [nxt]))
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert circles == []


def test_no_method_types_self_as_another_class() -> None:
    """A mixin typing `self: SomeScreen` relies on a contract nobody wrote down."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.args.args:
                first = node.args.args[0]
                if first.arg == "self" and first.annotation is not None:
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}")
    assert offenders == []


def test_nothing_walks_the_screen_stack_to_find_a_screen() -> None:
    """Data changes travel as messages (netinbox/ui/messages.py), never by scanning screens."""
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / "ui").rglob("*.py")
        if "screen_stack" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_no_source_file_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(PACKAGE.parent)): count
        for path in [*PACKAGE.rglob("*.py"), *(PACKAGE.parent / "tests").glob("*.py")]
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
