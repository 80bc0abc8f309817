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
import zlib
from pathlib import Path

import pytest

from netinbox.model import Change
from netinbox.store import Store, recover

WRITER = Path(__file__).with_name("crash_writer.py")


def kill_rounds(
    path: Path, rounds: int, seed: int, compact_at: int = 16_384, bulk: int = 0
) -> dict[str, int]:
    """Run `rounds` writer processes, each killed at a random moment; check after every kill.
    With `bulk`, the first writer begins with one change set of that many records."""
    confirmed = killed_writers(path, rounds, seed, compact_at, bulk, check=True)
    return {"kills": rounds, "confirmed": len(confirmed)}


def killed_writers(
    path: Path, rounds: int, seed: int, compact_at: int, bulk: int = 0, check: bool = False
) -> set[int]:
    rng = random.Random(seed)
    confirmed: set[int] = set()
    next_number = 0
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for round_number in range(rounds):
        extra = [str(bulk)] if bulk and round_number == 0 else []
        writer = subprocess.Popen(
            [sys.executable, str(WRITER), str(path), str(next_number), str(compact_at), *extra],
            stdout=subprocess.PIPE,
            env=env,
        )
        assert writer.stdout is not None
        if extra:
            assert writer.stdout.readline().strip() == f"bulk {bulk}".encode()
        assert writer.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0, 0.03))
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        printed = [int(line) for line in writer.stdout.read().split()]
        writer.stdout.close()
        confirmed.update(printed)
        if check:
            with Store(path, read_only=True) as store:
                missing = [n for n in confirmed if store.record_doc("people", f"k{n:07d}") is None]
                assert not missing, f"confirmed but lost after a kill: {missing[:5]}"
        next_number = (max(printed) + 1) if printed else next_number
    return confirmed


def test_sixty_kills_lose_no_confirmed_action(tmp_path: Path) -> None:
    path = tmp_path / "crash.json"
    result = kill_rounds(path, rounds=60, seed=20261126)
    assert result["confirmed"] >= 10  # the writers really were writing when killed
    with Store(path) as store:  # and a writer can take over after the last kill
        assert store.count("people") >= result["confirmed"]


# --- damage after a bulk import -------------------------------------------------------------------


def _flip_a_bit_in_the_people_section(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[data.index(b'people\t"b0003000"') + 30] ^= 0x04
    path.write_bytes(bytes(data))


def _cut_off_the_index(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _zero_a_block(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4096] = bytes(4096)
    path.write_bytes(bytes(data))


DAMAGE = {
    "bit-flip": _flip_a_bit_in_the_people_section,
    "index-cut-off": _cut_off_the_index,
    "zeroed-block": _zero_a_block,
    "deleted": lambda path: path.unlink(),
}


@pytest.mark.parametrize("damage_name", DAMAGE)
def test_damaging_the_snapshot_after_a_bulk_import_and_later_actions_loses_nothing(
    tmp_path: Path, damage_name: str
) -> None:
    """A bulk import (over 5,000 changes in one set), then confirmed actions with SIGKILLs and
    folds in between; then the snapshot is damaged. Recovery brings back every one of them."""
    path = tmp_path / "crash.json"
    with Store(path) as store:  # an existing database with a snapshot of its own
        store.write_records([Change("people", "before", None, {"n": -1})])
        store.compact()
    seed = zlib.crc32(damage_name.encode())
    confirmed = killed_writers(path, 6, seed, compact_at=16_384, bulk=6000)
    assert len(confirmed) >= 5
    DAMAGE[damage_name](path)
    summary = recover(path)
    assert "every change on disk was restored" in summary, summary
    with Store(path, read_only=True) as store:
        store.verify()
        assert store.record_doc("people", "before") is not None
        assert store.count("people") >= 1 + 6000 + len(confirmed)
        assert all(store.record_doc("people", f"b{n:07d}") for n in range(6000))
        lost = [n for n in confirmed if store.record_doc("people", f"k{n:07d}") is None]
        assert not lost, f"confirmed but lost: {lost[:5]}"
