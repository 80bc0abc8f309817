"""How long the list screens take to open on a heavy user's database.

    python benchmarks/lists_bench.py [DB]   (default: a fresh one in a temporary folder)

Builds the heavy database with heavy_data.py (30,000 people, ~6,000 thank-you notes, 100,000
messages), then gives a share of the people what the never-responded filters look for: 5% flagged
as spam, 30% with a profile view, 5% of the sent notes archived. Each figure is the median of 5
runs, each on a freshly opened read-only store (as `netinbox list` or a new screen would see it):
the query plus building the first 60 rows (one screenful), and building every row. For scale, the
last line reads and decodes every note, as the exporter did before the index. Not run by pytest.
"""

from __future__ import annotations

import gc
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from heavy_data import build  # noqa: E402

from netinbox.clock import Clock  # noqa: E402
from netinbox.config import Settings  # noqa: E402
from netinbox.model import SPAM_FLAG  # noqa: E402
from netinbox.services import Context  # noqa: E402
from netinbox.services.context import change  # noqa: E402
from netinbox.services.lists.inbox import open_notes  # noqa: E402
from netinbox.services.lists.never_responded import ONLY, never_responded  # noqa: E402
from netinbox.store import Store  # noqa: E402

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
RUNS = 5
SCREEN = 60


def decorate(path: Path, seed: int = 11) -> dict[str, int]:
    """Flags, views and archived notes on a share of the people, as one bulk write."""
    rng = random.Random(seed)
    counts = {"flagged": 0, "viewed": 0, "archived": 0}
    with Store(path, purpose="benchmark") as store:
        changes = []
        for note in store.records("notes"):
            if note.sent_at is None:
                continue
            person = store.person(note.person_id)
            if person is None:
                continue
            after = person
            if rng.random() < 0.05:
                after = replace(after, flags=(SPAM_FLAG,))
                counts["flagged"] += 1
            if rng.random() < 0.30:
                view = note.sent_at + timedelta(days=rng.randint(-30, 30))
                after = replace(after, profile_views=(min(view, NOW),))
                counts["viewed"] += 1
            if after != person:
                changes.append(change(person, after))
            if rng.random() < 0.05:
                changes.append(change(note, replace(note, archived_at=NOW)))
                counts["archived"] += 1
        store.write_records(changes)
        store.compact()
    return counts


def measure(path: Path, query: Callable[[Context], Sequence]) -> tuple[float, float, int]:
    """(ms to the first screenful, ms to every row, rows), medians over fresh stores."""
    first, whole, size = [], [], 0
    for run in range(RUNS + 1):
        for bucket, upto in ((first, SCREEN), (whole, None)):
            gc.collect()  # the previous run's garbage is not this one's cost
            with Store(path, read_only=True) as store:
                ctx = Context(store, Clock(NOW), Settings())
                started = time.perf_counter()
                rows = query(ctx)
                rows[:upto] if upto is not None else list(rows)
                if run:  # the first run only warms up (imports, the file in the page cache)
                    bucket.append((time.perf_counter() - started) * 1000)
                size = len(rows)
    return statistics.median(first), statistics.median(whole), size


def decode_every_note(path: Path) -> float:
    times = []
    for _ in range(RUNS):
        with Store(path, read_only=True) as store:
            started = time.perf_counter()
            notes = [n for n in store.records("notes") if n.sent_at is not None]
            notes.sort(key=lambda n: (n.sent_at, n.person_id))
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    temp = None
    if argv:
        path = Path(argv[0])
    else:
        temp = Path(tempfile.mkdtemp(prefix="netinbox-lists-bench-"))
        path = temp / "heavy.json"
        print("building the heavy database…", file=sys.stderr, flush=True)
        build(path)
    try:
        counts = decorate(path)
        print(f"database: {path.stat().st_size / 1e6:.1f} MB; decorated: {counts}")
        cases: list[tuple[str, Callable[[Context], Sequence]]] = [
            ("never responded (screen 2)", never_responded),
            *(
                (
                    f"never responded --only {only}",
                    lambda ctx, only=only: never_responded(ctx, only=only),
                )
                for only in ONLY
            ),
            ("never responded --days 0", lambda ctx: never_responded(ctx, days=0)),
            ("open notes (Inbox, right pane)", open_notes),
        ]
        print(f"{'list':36} {'rows':>6} {'first ' + str(SCREEN):>10} {'every row':>10}")
        for label, query in cases:
            first, whole, size = measure(path, query)
            print(f"{label:36} {size:>6,} {first:>8.1f}ms {whole:>8.1f}ms")
        print(
            f"{'for scale: decode and sort every note':36} {'':>6} {decode_every_note(path):>8.1f}ms"
        )
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
