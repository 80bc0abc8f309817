"""`netinbox import PATH`: a progress bar on stderr when it is a terminal, then one summary line."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path

from netinbox.importers import ProgressCallback, import_export
from netinbox.services.context import Context
from netinbox.text import one_line


def run_import(ctx: Context, path: str) -> int:
    with ExitStack() as stack:
        progress: ProgressCallback | None = None
        if sys.stderr.isatty():
            progress = stack.enter_context(_bar(Path(path).name))
        summary = import_export(ctx, path, progress=progress)
    print(one_line(summary.line()))
    return 0


class _bar:
    """A rich progress bar on stderr, driven by import_export's (stage, done, total) reports."""

    def __init__(self, title: str) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._title = one_line(title, 40)
        self._task = None

    def __enter__(self) -> ProgressCallback:
        self._progress.__enter__()
        self._task = self._progress.add_task(self._title, total=None)
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.__exit__(None, None, None)

    def __call__(self, stage: str, done: int, total: int) -> None:
        assert self._task is not None
        self._progress.update(
            self._task, description=one_line(stage, 40), completed=done, total=total
        )
