"""How fast and how small `netinbox import` refuses a hostile export: one row per bomb shape.

    python benchmarks/import_limits_bench.py [--only NAME ...] [--timeout S] [--keep] [OUTDIR]

Each bomb is built into OUTDIR (default /tmp/netinbox-bombs), imported by `python -m netinbox
import` into a new database in a child process, and deleted again (most are 100-500 MB). The table
gives the child's wall time and peak RSS (os.wait4's rusage: that child alone), its exit code,
whether the database was left empty, and the first words of what it said. Targets (issue 9): a
Connections.csv beyond LinkedIn's 30,000 cap is refused within 5 s and 200 MB; every other bomb
within 10 s and 300 MB. A child still running after --timeout seconds (default 120) is killed and
shown as such. Not run by pytest: tests/test_import_limits.py checks the mechanism.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

MB = 1_000_000
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
INVITATIONS_HEADER = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
MESSAGES_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER\n"
)
OWNER = "https://www.linkedin.com/in/robin-castellano-4e7a19b2"


# -- writing big files fast: whole chunks of text, never one row at a time in Python's csv -------


def _write(path: Path, parts: Iterable[str | bytes]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        for part in parts:
            handle.write(part.encode() if isinstance(part, str) else part)
    return path


def _repeat(unit: str, total_bytes: int) -> Iterator[str]:
    """`unit` repeated to about `total_bytes`, in ~4 MB chunks."""
    chunk = unit * max(1, (4 * MB) // len(unit.encode()))
    size = len(chunk.encode())
    for _ in range(max(1, total_bytes // size)):
        yield chunk


def _numbered(template: str, count: int, people: int | None = None) -> Iterator[str]:
    """`template.format(i, person)` for i in range(count), person = i modulo `people`, joined
    into chunks of 20,000 rows."""
    cycle = people or count
    for start in range(0, count, 20_000):
        stop = min(count, start + 20_000)
        yield "".join(template.format(i, i % cycle) for i in range(start, stop))


def _zip(path: Path, members: dict[str, Iterable[str | bytes]], method: int) -> Path:
    with zipfile.ZipFile(path, "w", method, compresslevel=1 if method else None) as archive:
        for name, parts in members.items():
            with archive.open(name, "w", force_zip64=True) as member:
                for part in parts:
                    member.write(part.encode() if isinstance(part, str) else part)
    return path


def _patch_sizes(
    path: Path, name: str, *, file_size: int | None, compress_size: int | None
) -> None:
    """Make the archive lie about member `name`, as a crafted archive would: rewrite its sizes in
    the local header and in the central directory (32-bit fields, or their zip64 extra field)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        local, central = archive.getinfo(name).header_offset, archive.start_dir
    while data[central + 46 : central + 46 + len(name)] != name.encode():
        central += 46 + sum(
            int.from_bytes(data[central + at : central + at + 2], "little") for at in (28, 30, 32)
        )
    # (header start, offset of the compressed size, offset of the name length)
    for base, csize_at, name_len_at in ((local, 18, 26), (central, 20, 28)):
        name_len = int.from_bytes(data[base + name_len_at : base + name_len_at + 2], "little")
        extra_len = int.from_bytes(data[base + name_len_at + 2 : base + name_len_at + 4], "little")
        extra = base + name_len_at + (4 if base == local else 18) + name_len
        body = None
        position = extra
        while position < extra + extra_len:
            tag = int.from_bytes(data[position : position + 2], "little")
            if tag == 1:
                body = position + 4
            position += 4 + int.from_bytes(data[position + 2 : position + 4], "little")
        # zip64 order: uncompressed size, then compressed size, each only when its field is full
        for value, at in ((file_size, base + csize_at + 4), (compress_size, base + csize_at)):
            wide = data[at : at + 4] == b"\xff\xff\xff\xff"
            if wide and body is not None:
                if value is not None:
                    data[body : body + 8] = value.to_bytes(8, "little")
                body += 8
            elif value is not None:
                data[at : at + 4] = min(value, 0xFFFFFFFE).to_bytes(4, "little")
    path.write_bytes(bytes(data))


# -- the bombs ---------------------------------------------------------------------------------
# The shapes that only a check while streaming can stop are kept under the byte caps (a 90 MB
# messages.csv, the cap being 96 MiB): a bigger file is refused from its size before it is read.


def connections_rows(count: int, extra: str = "", urls: bool = False) -> Iterator[str]:
    """Short rows `F0,L0,,,,,05 Mar 2024`; with `urls`, each a profile address (a person the
    import keeps track of); `extra` goes in the Position column."""
    url = "https://www.linkedin.com/in/c{0}" if urls else ""
    yield CONNECTIONS_HEADER
    yield from _numbered("F{0},L{0}," + url + ",,," + extra + ",05 Mar 2024\n", count)


def invitations_rows(count: int, note: str = "") -> Iterator[str]:
    yield INVITATIONS_HEADER
    yield from _numbered(
        'P{0},Robin Castellano,"9/27/25, 8:41 AM",' + note + ",INCOMING,"
        "https://www.linkedin.com/in/p{0}," + OWNER + "\n",
        count,
    )


def messages_rows(count: int, content: str = "hi {0}", people: int | None = None) -> Iterator[str]:
    """One message per row, each in its own conversation, from `people` different senders
    (default: a new one each row)."""
    yield MESSAGES_HEADER
    yield from _numbered(
        "c{0},,P{1},https://www.linkedin.com/in/p{1},Robin Castellano," + OWNER + ","
        "2025-10-19 14:30:00 UTC,," + content + ",INBOX\n",
        count,
        people,
    )


def _connections_zip(rows: int) -> Callable[[Path], Path]:
    return lambda d: _zip(d / "c.zip", {"Connections.csv": connections_rows(rows)}, 8)


def _folder(**files: Callable[[], Iterable[str | bytes]]) -> Callable[[Path], Path]:
    """An unpacked export: {"messages_csv": parts} -> d/export/messages.csv."""

    def build(d: Path) -> Path:
        for name, parts in files.items():
            _write(d / "export" / name.replace("_csv", ".csv"), parts())
        return d / "export"

    return build


def _declares_less(d: Path) -> Path:
    """Connections.csv says 10 KB (honest ratio) and holds 200 MB of distinct rows."""
    path = _zip(d / "lie-small.zip", {"Connections.csv": connections_rows(8_000_000)}, 8)
    _patch_sizes(path, "Connections.csv", file_size=10_000, compress_size=None)
    return path


def _declares_stored(d: Path) -> Path:
    """90 MB of one repeated 4 KB message (under every byte cap), compressed ~500:1, in a member
    that claims to be stored (compressed size = size): only counting the bytes read can tell."""
    row = f"c,,P,https://www.linkedin.com/in/p,Robin,{OWNER},2025-10-19 14:30:00 UTC,,"
    parts = [MESSAGES_HEADER, *_repeat(row + "x" * 4000 + ",INBOX\n", 90 * MB)]
    path = _zip(d / "lie-ratio.zip", {"messages.csv": parts}, 8)
    with zipfile.ZipFile(path) as archive:
        size = archive.getinfo("messages.csv").file_size
    _patch_sizes(path, "messages.csv", file_size=None, compress_size=size)
    return path


def _many_members(d: Path) -> Path:
    with zipfile.ZipFile(d / "many.zip", "w", zipfile.ZIP_STORED) as archive:
        for number in range(200_000):
            archive.writestr(f"junk/{number}", b"")
        archive.writestr("Connections.csv", CONNECTIONS_HEADER)
    return d / "many.zip"


def _ratio_bomb(d: Path) -> Path:
    zeros = bytes(4 * MB)
    return _zip(d / "ratio.zip", {"Connections.csv": [CONNECTIONS_HEADER, *[zeros] * 250]}, 8)


@dataclass(frozen=True)
class Bomb:
    name: str
    what: str
    build: Callable[[Path], Path]
    seconds: float | None = 10.0  # the target; None: not a bomb, an export at the caps
    megabytes: float = 300.0


SPANNING_CELL = '"' + "a" * 50 + "\n" + "b" * 50 + '",'
LONG_CELL_START = 'c,,P,,,,2025-10-19 14:30:00 UTC,,"'
BOMBS = [
    Bomb(
        "conn-2.1M", "ZIP, Connections.csv: 2.1 M short rows", _connections_zip(2_100_000), 5, 200
    ),
    Bomb("conn-300K", "ZIP, Connections.csv: 300 K short rows", _connections_zip(300_000), 5, 200),
    Bomb(
        "conn-31K",
        "ZIP, Connections.csv: 31,000 rows (the cap: imports)",
        _connections_zip(31_000),
        None,
    ),
    Bomb(
        "inv-200K",
        "Invitations.csv: 200 K rows (27 MB)",
        _folder(Invitations_csv=lambda: invitations_rows(200_000)),
    ),
    Bomb(
        "msg-600K",
        "messages.csv: 600 K short rows (95 MB)",
        _folder(messages_csv=lambda: messages_rows(600_000, people=1_000)),
    ),
    Bomb(
        "msg-emoji",
        "messages.csv: 94 MB of 2 KB messages, each with an emoji",
        _folder(messages_csv=lambda: messages_rows(45_000, "x" * 2_000 + "\U0001f600{0}", 1_000)),
    ),
    Bomb(
        "msg-500MB-row",
        "messages.csv: one 500 MB row",
        _folder(messages_csv=lambda: [MESSAGES_HEADER, *_repeat("a,", 500 * MB)]),
    ),
    Bomb(
        "msg-90MB-row",
        "messages.csv: one 90 MB row of short cells",
        _folder(messages_csv=lambda: [MESSAGES_HEADER, *_repeat("a,", 90 * MB), "\n"]),
    ),
    Bomb(
        "msg-90MB-field",
        "messages.csv: one 90 MB quoted field",
        _folder(
            messages_csv=lambda: [
                MESSAGES_HEADER,
                LONG_CELL_START,
                *_repeat("x", 90 * MB),
                '",INBOX\n',
            ]
        ),
    ),
    Bomb(
        "empty-lines",
        "messages.csv: header, then 90 M empty lines",
        _folder(messages_csv=lambda: [MESSAGES_HEADER, *_repeat("\n", 90 * MB)]),
    ),
    Bomb(
        "one-line",
        "messages.csv: 90 MB, no line break at all",
        _folder(messages_csv=lambda: _repeat("x", 90 * MB)),
    ),
    Bomb(
        "open-quote",
        "messages.csv: a quote opened on line 2, never closed (90 MB)",
        _folder(messages_csv=lambda: [MESSAGES_HEADER, '"', *_repeat("line\n", 90 * MB)]),
    ),
    Bomb(
        "quoted-record",
        "messages.csv: one record of quoted cells spanning lines (90 MB)",
        _folder(messages_csv=lambda: [MESSAGES_HEADER, *_repeat(SPANNING_CELL, 90 * MB)]),
    ),
    Bomb("zip-lies-size", "ZIP, Connections.csv declares 10 KB, holds 200 MB", _declares_less),
    Bomb("zip-lies-ratio", "ZIP, 90 MB at ~500:1 declared as stored (ratio 1:1)", _declares_stored),
    Bomb("zip-members", "ZIP of 200,000 members", _many_members),
    Bomb("zip-ratio", "ZIP, 1 GB of zeros in Connections.csv (honest sizes)", _ratio_bomb),
    Bomb(
        "caps-then-over",
        "31 K connections, 50 K invitations (all different people), then 200,001 messages",
        _folder(
            Connections_csv=lambda: connections_rows(31_000, urls=True),
            Invitations_csv=lambda: invitations_rows(50_000),
            messages_csv=lambda: messages_rows(200_001, people=1_000),
        ),
    ),
    Bomb(
        "people-then-over",
        "the same, then messages each from someone new",
        _folder(
            Connections_csv=lambda: connections_rows(31_000, urls=True),
            Invitations_csv=lambda: invitations_rows(50_000),
            messages_csv=lambda: messages_rows(100_000, people=None),
        ),
    ),
    Bomb(
        "text-then-over",
        "30 MB of connections, 30 MB of invitations, then messages with an emoji",
        _folder(
            Connections_csv=lambda: connections_rows(31_000, "x" * 900, urls=True),
            Invitations_csv=lambda: invitations_rows(50_000, "y" * 450),
            messages_csv=lambda: messages_rows(30_000, "x" * 2_000 + "\U0001f600{0}", 1_000),
        ),
    ),
    Bomb(
        "at-caps",
        "31 K connections, 50 K invitations, 200 K messages from 1,000 people (imports)",
        _folder(
            Connections_csv=lambda: connections_rows(31_000, urls=True),
            Invitations_csv=lambda: invitations_rows(50_000),
            messages_csv=lambda: messages_rows(200_000, people=1_000),
        ),
        None,
    ),
]


# -- measuring ---------------------------------------------------------------------------------


def measure(path: Path, work: Path, timeout: float) -> dict:
    """Import `path` into a new database in a child; its wall time and its own peak RSS.

    Call it from a small process (see `_measure_isolated`): a forked child's peak RSS starts at
    its parent's size before it execs, so a parent that just built a 250 MB file inflates it."""
    db = work / "db.json"
    out, err = work / "stdout", work / "stderr"
    started = time.perf_counter()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", "netinbox", "import", str(path), "--db", str(db)],
            stdout=stdout,
            stderr=stderr,
            start_new_session=True,
        )
        killed = False
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > timeout:
                os.killpg(child.pid, signal.SIGKILL)
                killed = True
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.02)
        child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    said = (out.read_text(errors="replace") + err.read_text(errors="replace")).strip()
    return {
        "wall_s": wall,
        "peak_mb": usage.ru_maxrss / 1024,  # KiB on Linux
        "exit": "killed" if killed else child.returncode,
        "db_empty": _db_empty(db),
        "said": said.splitlines()[-1] if said else "",
    }


def _db_empty(db: Path) -> bool:
    """Whether the import left no people behind (asked through the CLI, as a user would)."""
    if not db.exists():
        return True
    listed = subprocess.run(
        [sys.executable, "-m", "netinbox", "list", "people", "--json", "--db", str(db)],
        capture_output=True,
        text=True,
        check=False,
    )
    return listed.returncode == 0 and json.loads(listed.stdout or "[]") == []


def _measure_isolated(path: Path, timeout: float) -> dict:
    helper = subprocess.run(
        [sys.executable, __file__, "--measure", str(path), "--timeout", str(timeout)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(helper.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", nargs="?", default="/tmp/netinbox-bombs")
    parser.add_argument("--only", nargs="*", default=None, help="bomb names to run")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--keep", action="store_true", help="keep the built bombs")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # the small helper process
    args = parser.parse_args()
    if args.measure:
        work = Path(tempfile.mkdtemp(prefix="netinbox-bomb-db-"))
        try:
            print(json.dumps(measure(Path(args.measure), work, args.timeout)))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return
    out_dir = Path(args.outdir)
    out_dir.mkdir(parents=True, exist_ok=True)
    chosen = [b for b in BOMBS if not args.only or b.name in args.only]
    print(
        f"{'bomb':16} {'time':>8} {'peak RSS':>10} {'exit':>6}  {'target':14} {'db':6} what it said"
    )
    for bomb in chosen:
        place = out_dir / bomb.name
        shutil.rmtree(place, ignore_errors=True)
        place.mkdir(parents=True)
        path = bomb.build(place)
        try:
            figures = _measure_isolated(path, args.timeout)
        finally:
            if not args.keep:
                shutil.rmtree(place, ignore_errors=True)
        if bomb.seconds is None:
            target = "(imports)"
        else:
            within = figures["wall_s"] <= bomb.seconds and figures["peak_mb"] <= bomb.megabytes
            target = f"{bomb.seconds:.0f} s/{bomb.megabytes:.0f} MB {'ok' if within else 'OVER'}"
        print(
            f"{bomb.name:16} {figures['wall_s']:7.2f}s {figures['peak_mb']:8.0f}MB "
            f"{figures['exit']!s:>6}  {target:14} {'empty' if figures['db_empty'] else 'WRITTEN':6} "
            f"{figures['said'][:110]}",
        )
        print(f"{'':16} ({bomb.what})", flush=True)


if __name__ == "__main__":
    main()
