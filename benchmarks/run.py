"""netinbox's performance figures, from one run, printed as one table.

    python benchmarks/run.py [--quick]

Measures, on a generated heavy-user database (30,000 people, 12,000 invitations, 100,000
messages) and a small one (300 people):
- start-up: the first usable Inbox frame vs a bare Textual app, and peak RSS;
- one confirmed action (accept / decline / mark): storage time and whole-action time, p50/p99,
  next to stock TinyDB (JSONStorage) doing the same single-document update;
- a writing CLI command as a whole process;
- the crash test: SIGKILL a writer at random moments, then check every confirmed action.
Nothing here is asserted; the tests assert correctness, this prints figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from heavy_data import build  # noqa: E402

from netinbox.clock import Clock  # noqa: E402
from netinbox.config import Settings  # noqa: E402
from netinbox.services import Context, conversations, triage  # noqa: E402
from netinbox.store import Store  # noqa: E402

FROZEN = "2026-03-01T09:00:00+00:00"
ENV = {**os.environ, "NETINBOX_NOW": FROZEN}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def _p50_p99(values: list[float]) -> str:
    return (
        f"p50 {percentile(values, 0.5) * 1000:.2f} ms, p99 {percentile(values, 0.99) * 1000:.2f} ms"
    )


def startup(args: list[str], runs: int) -> tuple[float, float]:
    times, rss = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, str(HERE / "startup_probe.py"), *args],
            capture_output=True,
            text=True,
            env=ENV,
            check=True,
        ).stdout.split()
        times.append(float(out[0]))
        rss.append(float(out[1]))
    return statistics.median(times), max(rss)


def action_latency(db: Path, count: int) -> tuple[list[float], list[float]]:
    """Storage time (Store.commit) and whole-action time for accept / decline / mark in turn."""
    store = Store(db, purpose="benchmark")
    ctx = Context(store, Clock(datetime.fromisoformat(FROZEN)), Settings(owner_first_name="Robin"))
    storage_times: list[float] = []
    original_commit = store.commit

    def timed_commit(event):
        started = time.perf_counter()
        try:
            return original_commit(event)
        finally:
            storage_times.append(time.perf_counter() - started)

    store.commit = timed_commit  # type: ignore[method-assign]
    pending = [i.person_id for i in store.pending_invitations()]
    people = [p for p, _ in store.open_note_keys()][:50] or pending
    whole = []
    for n in range(count):
        kind = n % 3
        started = time.perf_counter()
        if kind == 0 and pending:
            triage.accept(ctx, [pending.pop()])
        elif kind == 1 and pending:
            triage.decline(ctx, [pending.pop()])
        else:
            conversations.mark(
                ctx, people[n % len(people)], reason=f"benchmark {n}", due="in 2 weeks"
            )
        whole.append(time.perf_counter() - started)
    store.close()
    return storage_times, whole


def stock_tinydb_latency(db: Path, count: int) -> list[float]:
    """Stock TinyDB + JSONStorage on the same documents: one single-document update each."""
    from tinydb import TinyDB
    from tinydb.storages import JSONStorage

    source = Store(db, read_only=True)
    tables = {
        name: {
            str(i): source.record_doc(name, key) for i, key in enumerate(source.storage.table(name))
        }
        for name in ("people", "invitations", "messages")
    }
    source.close()
    path = db.with_suffix(".stock.json")
    import json

    path.write_text(json.dumps(tables))
    stock = TinyDB(path, storage=JSONStorage)
    people = stock.table("people")
    times = []
    for n in range(count):
        started = time.perf_counter()
        people.update({"notes": f"benchmark {n}"}, doc_ids=[1 + n % 100])
        times.append(time.perf_counter() - started)
    stock.close()
    path.unlink()
    return times


def cli_write(db: Path, runs: int) -> float:
    store = Store(db, read_only=True)
    pending = [i.person_id for i in store.pending_invitations()]
    store.close()
    times = []
    for n in range(runs):
        argv = ["accept", pending[n]] if n % 2 == 0 else ["mark", pending[0], "--reason", f"r{n}"]
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "netinbox", *argv, "--db", str(db)],
            capture_output=True,
            env=ENV,
            check=True,
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def lock_refusal(db: Path, runs: int) -> float:
    """How long a second writer waits before it is refused (the first holds the lock)."""
    from netinbox.store import DatabaseLocked

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from netinbox.store import Store; "
            "s = Store(sys.argv[1], purpose='netinbox (holder)'); print('ready', flush=True); "
            "time.sleep(120)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            try:
                Store(db).close()
            except DatabaseLocked:
                times.append(time.perf_counter() - started)
        return max(times)
    finally:
        holder.kill()
        holder.wait()


def kill_test(folder: Path, rounds: int) -> dict[str, int]:
    from test_crash import kill_rounds

    return kill_rounds(folder / "crash.json", rounds=rounds, seed=42)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    options = parser.parse_args()
    reps = 3 if options.quick else 9
    actions = 60 if options.quick else 300
    kills = 50 if options.quick else 520
    folder = Path(tempfile.mkdtemp(prefix="netinbox-bench-"))
    try:
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.processor() or '?'}, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
        )
        heavy, small = folder / "heavy.json", folder / "small.json"
        t = time.perf_counter()
        build(heavy)
        print(
            f"generated the heavy database in {time.perf_counter() - t:.1f} s "
            f"({heavy.stat().st_size / 1e6:.0f} MB snapshot)"
        )
        build(small, people=300, messages=1_000, invitations=400)
        rows: list[tuple[str, str, str]] = []

        bare, bare_rss = startup(["bare"], reps)
        for label, db in (("300", small), ("30K", heavy)):
            work = folder / f"startup-{label}.json"
            shutil.copy(db, work)
            seconds, rss = startup(["netinbox", str(work)], reps)
            rows.append(
                (
                    f"start-up, first Inbox frame, {label}",
                    f"{seconds * 1000:.0f} ms = {seconds / bare:.2f}x bare Textual",
                    f"peak RSS {rss:.0f} MiB",
                )
            )
        rows.insert(
            0,
            ("start-up, bare Textual app", f"{bare * 1000:.0f} ms", f"peak RSS {bare_rss:.0f} MiB"),
        )

        for label, db in (("300", small), ("30K", heavy)):
            work = folder / f"actions-{label}.json"
            shutil.copy(db, work)
            storage, whole = action_latency(work, actions)
            rows.append(
                (
                    f"action latency, {label}, netinbox storage",
                    _p50_p99(storage),
                    f"whole action p50 {percentile(whole, 0.5) * 1000:.2f} ms, "
                    f"p99 {percentile(whole, 0.99) * 1000:.2f} ms",
                )
            )
            stock = stock_tinydb_latency(work, 30 if label == "30K" else actions)
            rows.append(
                (
                    f"action latency, {label}, stock TinyDB JSONStorage",
                    _p50_p99(stock),
                    f"{len(stock)} updates",
                )
            )

        cli = {}
        for label, db in (("300", small), ("30K", heavy)):
            work = folder / f"cli-{label}.json"
            shutil.copy(db, work)
            cli[label] = cli_write(work, reps)
        rows.append(
            (
                "CLI write (accept / mark), whole process",
                f"300: {cli['300'] * 1000:.0f} ms, 30K: {cli['30K'] * 1000:.0f} ms",
                f"ratio {cli['30K'] / cli['300']:.2f}x",
            )
        )

        refusal = lock_refusal(folder / "cli-30K.json", reps)
        rows.append(
            (
                "second writer refused (lock held)",
                f"slowest of {reps}: {refusal * 1000:.1f} ms",
                "message names the holder's pid and command",
            )
        )

        t = time.perf_counter()
        result = kill_test(folder, kills)
        rows.append(
            (
                "crash test (SIGKILL at random moments)",
                f"{result['kills']} kills, {result['confirmed']} confirmed actions, 0 lost",
                f"{time.perf_counter() - t:.0f} s",
            )
        )

        width = max(len(r[0]) for r in rows)
        middle = max(len(r[1]) for r in rows)
        print()
        for name, figure, note in rows:
            print(f"{name:<{width}}  {figure:<{middle}}  {note}")
        print(f"\n(run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
