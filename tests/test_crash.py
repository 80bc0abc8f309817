"""SIGKILL a writer at random moments: every action it confirmed is still there afterwards.

`benchmarks/run.py` runs the same loop 500+ times; the suite runs it 60 times.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from netinbox.store import Store

WRITER = Path(__file__).with_name("crash_writer.py")


def kill_rounds(path: Path, rounds: int, seed: int, compact_at: int = 16_384) -> dict[str, int]:
    """Run `rounds` writer processes, each killed at a random moment; check after every kill."""
    rng = random.Random(seed)
    confirmed: set[int] = set()
    next_number = 0
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for _ in range(rounds):
        writer = subprocess.Popen(
            [sys.executable, str(WRITER), str(path), str(next_number), str(compact_at)],
            stdout=subprocess.PIPE,
            env=env,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0, 0.03))
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        printed = [int(line) for line in writer.stdout.read().split()]
        writer.stdout.close()
        confirmed.update(printed)
        with Store(path, read_only=True) as store:
            missing = [n for n in confirmed if store.record_doc("people", f"k{n:07d}") is None]
            assert not missing, f"confirmed but lost after a kill: {missing[:5]}"
        next_number = (max(printed) + 1) if printed else next_number
    return {"kills": rounds, "confirmed": len(confirmed)}


def test_sixty_kills_lose_no_confirmed_action(tmp_path: Path) -> None:
    path = tmp_path / "crash.json"
    result = kill_rounds(path, rounds=60, seed=20261126)
    assert result["confirmed"] >= 10  # the writers really were writing when killed
    with Store(path) as store:  # and a writer can take over after the last kill
        assert store.count("people") >= result["confirmed"]
