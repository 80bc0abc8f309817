"""How long a key takes on the screens, on a heavy user's database, measured through the real app.

    python benchmarks/screens_bench.py [DB]   (default: a fresh one in a temporary folder)

Builds the heavy database (heavy_data.py: 30,000 people, 12,000 invitations, ~6,000 thank-you
notes, 100,000 messages), runs the app headless at 120x40 and times, from the key press until the
screen is idle again: switching to each screen (first time and coming back), a filter on Never
responded, a bulk archive, an accept on the Inbox, and undo. Each action redraws the lists it
touches from their queries, so these are whole keypresses, saving included; "j" gives the floor
(Pilot's own wait and a headless redraw). Last, each screen's redraw alone. Median of the runs.
Not run by pytest: the tests check behaviour, this prints figures.
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from heavy_data import build  # noqa: E402

from netinbox.clock import Clock  # noqa: E402
from netinbox.config import Settings  # noqa: E402
from netinbox.services import Context  # noqa: E402
from netinbox.store import Store  # noqa: E402
from netinbox.ui.app import NetinboxApp  # noqa: E402

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
RUNS = 5


async def measure(db: Path) -> dict[str, list[float]]:
    store = Store(db)
    app = NetinboxApp(Context(store, Clock(NOW), Settings()), cursor_blink=False)
    figures: dict[str, list[float]] = {}

    async def timed(label: str, *keys: str) -> None:
        start = time.perf_counter()
        await pilot.press(*keys)
        await pilot.pause()
        figures.setdefault(label, []).append((time.perf_counter() - start) * 1000)

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(1.0)
        await timed("2 Never responded (first time)", "2")
        await timed("3 Conversations (first time)", "3")
        for _ in range(RUNS):
            await timed("1 back to the Inbox", "1")
            await timed("j move (the floor: a key and a redraw)", "j")
            await timed("a accept (save, redraw both panes)", "a")
            await timed("u undo", "u")
            await timed("2 back to Never responded", "2")
            await timed("P filter: pitch", "P")
            await timed("P filter off", "P")
            await timed("space space e: archive two", "space", "space", "e")
            await timed("u undo the archive", "u")
            await timed("3 back to Conversations", "3")
        # What a data change costs a screen by itself: its queries and the rows it can show.
        for key, name in (("1", "Inbox"), ("2", "Never responded"), ("3", "Conversations")):
            await pilot.press(key)
            await pilot.pause()
            for _ in range(RUNS):
                start = time.perf_counter()
                app.screen.reload()
                elapsed = (time.perf_counter() - start) * 1000
                figures.setdefault(f"{name}: redraw from its queries", []).append(elapsed)
    store.close()
    return figures


def main() -> int:
    given = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    folder = Path(tempfile.mkdtemp(prefix="netinbox-screens-"))
    try:
        db = given or folder / "heavy.json"
        if given is None:
            started = time.perf_counter()
            counts = build(db)
            print(f"built {counts} in {time.perf_counter() - started:.1f} s")
        figures = asyncio.run(measure(db))
        width = max(len(label) for label in figures)
        print(f"{'key (heavy database, 120x40)':<{width}}  median ms  (runs)")
        for label, values in figures.items():
            print(f"{label:<{width}}  {statistics.median(values):9.1f}  ({len(values)})")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
