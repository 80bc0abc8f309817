"""Time a full rescreen on a heavy user's database: 12,000 invitations, 100,000 messages.

    python benchmarks/rescreen_bench.py [DB]   (default: a fresh one in a temporary folder)

Builds the database with heavy_data.py (30,000 people, 12,000 invitations, ~6,000 thank-you notes,
100,000 messages), then runs `services.screening.rescreen` twice in this process: the first run
stores a verdict on everything, the second finds them unchanged and writes almost nothing. Prints
wall time per stage and peak RSS. Not run by pytest. Target (issue 5): <= 20 s on a 2-core machine.
"""

from __future__ import annotations

import gc
import resource
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from heavy_data import build  # noqa: E402

from netinbox.clock import Clock  # noqa: E402
from netinbox.config import Settings  # noqa: E402
from netinbox.services import Context  # noqa: E402
from netinbox.services.memory import collection_paused  # noqa: E402
from netinbox.services.screening import rescreen  # noqa: E402
from netinbox.store import Store  # noqa: E402

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run(path: Path, label: str) -> None:
    stages: list[tuple[str, float]] = []
    started = time.perf_counter()

    def progress(stage: str, done: int, total: int) -> None:
        name = stage.split()[0]
        if not stages or stages[-1][0] != name:
            stages.append((name, time.perf_counter()))

    # What the app's UI thread would spend: the store calls it runs for the worker.
    on_ui: list[float] = []

    def on_store(fn):  # noqa: ANN001, ANN202 - the app passes App.call_from_thread here
        began = time.perf_counter()
        try:
            return fn()
        finally:
            on_ui.append(time.perf_counter() - began)

    opened = time.perf_counter()
    with Store(path, purpose="rescreen benchmark") as store:
        ctx = Context(store, Clock(NOW), Settings(owner_first_name="Robin"))
        with collection_paused():  # as the app runs it (see services.memory)
            result = rescreen(ctx, progress, on_store)
    ended = time.perf_counter()
    marks = [*stages, ("end", ended)]
    split = ", ".join(
        f"{name.lower()} {marks[i + 1][1] - at:.2f} s" for i, (name, at) in enumerate(marks[:-1])
    )
    print(f"{label}: {ended - started:.2f} s (open {stages[0][1] - opened:.2f} s; {split})")
    print(f"  {result.line()}")
    print(
        f"  UI-thread work: {sum(on_ui):.2f} s in {len(on_ui)} calls, longest "
        f"{max(on_ui):.2f} s, next longest {sorted(on_ui)[-2]:.2f} s"
    )
    print(f"  peak RSS so far {_peak_mib():.0f} MiB")


def main() -> int:
    temp = None
    if len(sys.argv) > 1:
        path = Path(sys.argv[1])
    else:
        temp = Path(tempfile.mkdtemp(prefix="netinbox-rescreen-"))
        path = temp / "heavy.json"
    try:
        if not path.exists():
            started = time.perf_counter()
            counts = build(path)
            print(f"built {path}: {counts} in {time.perf_counter() - started:.1f} s")
        _run(path, "first rescreen")
        # The app keeps one store for the whole session; here each run opens its own, so the
        # first one (frozen as long-lived when its run ended) is let go before the second starts.
        gc.unfreeze()
        gc.collect()
        _run(path, "second rescreen (nothing changed)")
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
