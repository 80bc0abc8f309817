"""A writer for crash tests: performs confirmed actions until it is killed.

    python tests/crash_writer.py DB FIRST_NUMBER COMPACT_AT_BYTES

Prints "ready" once the database is open, then one number per action *after* the action is
durable (`write_records` returned). Whatever it printed must survive a SIGKILL at any moment.
"""

from __future__ import annotations

import sys

from netinbox.model import Change
from netinbox.store import Store, engine


def main() -> None:
    path, first, compact_at = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    engine.COMPACT_AT_BYTES = compact_at  # small, so kills also land inside compactions
    with Store(path, purpose="crash writer") as store:
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
