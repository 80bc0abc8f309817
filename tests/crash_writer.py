"""A writer for crash tests: performs confirmed actions until it is killed.

    python tests/crash_writer.py DB FIRST_NUMBER COMPACT_AT_BYTES [BULK]

Prints "ready" once the database is open, then one number per action *after* the action is
durable (`write_records` returned). Whatever it printed must survive a SIGKILL at any moment.
With BULK, the first action is one change set of BULK records (an import's shape), confirmed
as "bulk BULK".
"""

from __future__ import annotations

import sys

from netinbox.model import Change
from netinbox.store import Store, engine


def main() -> None:
    path, first, compact_at = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    bulk = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    engine.COMPACT_AT_BYTES = compact_at  # small, so kills also land inside compactions
    with Store(path, purpose="crash writer") as store:
        if bulk:
            store.write_records(
                Change("people", f"b{n:07d}", None, {"n": n, "text": "imported"})
                for n in range(bulk)
            )
            print(f"bulk {bulk}", flush=True)
        print("ready", flush=True)
        number = first
        while True:
            key = f"k{number:07d}"
            doc = {"n": number, "pad": "x" * (number % 300), "text": "Grüße ✓"}
            store.write_records([Change("people", key, store.record_doc("people", key), doc)])
            print(number, flush=True)
            number += 1


if __name__ == "__main__":
    main()
