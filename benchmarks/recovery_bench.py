"""What durability costs and what recovery takes, at a heavy user's size.

    python benchmarks/recovery_bench.py [--people 30000] [--messages 100000]

On a generated heavy database (heavy_data.py: everything written as one bulk change set, which is
now one journal line as well as a snapshot), prints:
- the bulk write: time, and the journal line it leaves in .journal.prev;
- a writing CLI command's extra check of the tables it did not read (`store.verify()`);
- `netinbox recover` after the snapshot is damaged, with 50 later actions in the journal: time,
  peak RSS, and whether every record came back.
Nothing is asserted (the tests do that); this prints figures.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from heavy_data import build  # noqa: E402

from netinbox.model import Change  # noqa: E402
from netinbox.store import Store  # noqa: E402
from netinbox.store.engine import sibling  # noqa: E402

RECOVER = """
import resource, sys, time
from netinbox.store import recover
started = time.perf_counter()
summary = recover(__import__("pathlib").Path(sys.argv[1]))
print(f"{time.perf_counter() - started:.2f}")
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
print(summary)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=100_000)
    args = parser.parse_args(argv)
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="netinbox-recovery-") as folder:
        path = Path(folder) / "heavy.json"
        started = time.perf_counter()
        counts = build(path, args.people, args.messages, 12_000)
        rows.append(
            (
                f"bulk write of the whole database ({sum(counts.values()):,} records)",
                f"{time.perf_counter() - started:.1f} s; snapshot {path.stat().st_size / 1e6:.0f} MB, "
                f"its journal line {sibling(path, '.journal.prev').stat().st_size / 1e6:.0f} MB "
                "(in .journal.prev)",
            )
        )
        with Store(path) as store:
            started = time.perf_counter()
            store.verify()
            rows.append(
                (
                    "check of every table a command did not read (store.verify)",
                    f"{(time.perf_counter() - started) * 1000:.0f} ms",
                )
            )
            store.compact()  # the bulk snapshot becomes .bak, its line is folded away
            for n in range(50):
                key = f"late-{n}"
                store.write_records([Change("people", key, None, {"first_name": f"L{n}"})])
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x10
        path.write_bytes(bytes(data))
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        out = subprocess.run(
            [sys.executable, "-c", RECOVER, str(path)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout.splitlines()
        rss_kib = int(out[1])
        rows.append(
            (
                "recover after the snapshot is damaged (50 later actions)",
                f"{out[0]} s, peak RSS {rss_kib / 1024:.0f} MiB",
            )
        )
        rows.append(("recover's summary", out[2]))
        with Store(path, read_only=True) as store:
            store.verify()
            late = sum(store.record_doc("people", f"late-{n}") is not None for n in range(50))
            rows.append(
                (
                    "after recovery",
                    f"{store.count('people'):,} people, {store.count('messages'):,} messages, "
                    f"{late}/50 later actions",
                )
            )
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    print(
        f"(this process's peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
