"""What an export may hold: the limits every import reads under (see FILE_CAPS for why each).

archive.py counts bytes as they come out of the archive or off the disk; csvfiles.py counts rows,
lines, characters and the memory the text takes as each line is decoded; linkedin.py counts the
people. Whichever limit is crossed first stops the import on the spot, before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from netinbox.importers.errors import LimitExceeded

MiB = 1024 * 1024


@dataclass(frozen=True)
class FileCap:
    """The most one kind of export file can hold: rows, and MiB of text (as read and as held)."""

    rows: int
    mib: int
    why: str  # said when `rows` is crossed: why no real export has more


# What a real export can hold, with a margin. The design target is a heavy user: 30,000
# connections, 12,000 invitations a year and 100,000 messages, whose files are 3.5, 2.1 and 29 MB.
# The caps are also what a hostile file may cost before it is refused: an export at every cap
# reads in about 5 s and under 300 MB (benchmarks/import_limits_bench.py), so they are not larger.
FILE_CAPS = {
    # LinkedIn stops at 30,000 connections; hidden members' blank rows are among them.
    "connections": FileCap(31_000, 32, "LinkedIn exports at most 30,000 connections"),
    # The file keeps a recent window (6-10 months in every export seen, FORMAT.md §4) and a heavy
    # user gets 12,000 a year: 50,000 is four years of them. A note is at most 300 characters.
    "invitations": FileCap(50_000, 32, "four years of a heavy user's invitations"),
    # All messages ever: twice the heavy user netinbox is built for, at 3 times its 29 MB.
    "messages": FileCap(200_000, 96, "twice the 100,000 messages netinbox is built for"),
    # One row: the owner's name.
    "profile": FileCap(100, 1, "it describes one person"),
}


@dataclass(frozen=True)
class Limits:
    max_entries: int = 10_000  # a real "complete" export has ~100 files
    # Every file together, as read and as held in memory (a character may take 4 bytes there).
    max_total_bytes: int = 128 * MiB
    max_ratio: float = 100.0  # CSV compresses ~5-10:1; a bomb compresses 1000:1
    ratio_free_bytes: int = 4 * MiB  # tiny members may compress very well (blank columns)
    field_chars: int = MiB  # one cell: a message is at most 8,000 characters
    row_chars: int = 2 * MiB  # one row, however many lines and cells it spans
    lines_per_row: int = 8  # physical lines, blank ones included, per row allowed
    # Different profile addresses in the whole export: the heavy export names 33,745 people, and
    # each one costs a few hundred bytes of bookkeeping while the files are read.
    max_people: int = 100_000
    caps: Mapping[str, FileCap] = field(default_factory=lambda: FILE_CAPS)

    def cap(self, kind: str) -> FileCap:
        return self.caps.get(kind) or max(self.caps.values(), key=lambda cap: cap.mib)

    def member_bytes(self, kind: str) -> int:
        return self.cap(kind).mib * MiB


DEFAULT_LIMITS = Limits()


class Budget:
    """What one import has read so far, every file together: `read`, the bytes that came out of
    the archive or off the disk (a byte read twice, to find a bad one, counts once), counted by
    archive.py; `text`, what the decoded lines take in memory, counted by csvfiles.py."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.read = 0
        self.text = 0
        self._seen: dict[str, int] = {}

    def charge_bytes(self, name: str, upto: int) -> None:
        seen = self._seen.get(name, 0)
        if upto > seen:
            self.read += upto - seen
            self._seen[name] = upto
            if self.read > self.limits.max_total_bytes:
                total = self.limits.max_total_bytes // MiB
                raise LimitExceeded(name, f"the export holds more than {total} MB")
