"""What an export may hold, enforced while it streams (issue 9): a file beyond what LinkedIn can
export is refused at the line that crosses the limit, having read little more than that line, and
the database is left exactly as it was. Memory is bounded with tracemalloc, never a clock."""

from __future__ import annotations

import re
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from netinbox.cli import main
from netinbox.importers import import_export
from netinbox.importers.archive import open_export
from netinbox.importers.errors import ImportFailed, LimitExceeded
from netinbox.importers.limits import DEFAULT_LIMITS, FILE_CAPS, FileCap, Limits, MiB
from netinbox.importers.linkedin import parse_export
from netinbox.services import Context

CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
INVITATIONS_HEADER = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
MESSAGES_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER\n"
)
OWNER = "https://www.linkedin.com/in/robin-castellano-4e7a19b2"


def connections(count: int) -> str:
    return CONNECTIONS_HEADER + "".join(
        f"F{i},L{i},https://www.linkedin.com/in/p{i},,,,05 Mar 2024\n" for i in range(count)
    )


def invitations(count: int) -> str:
    return INVITATIONS_HEADER + "".join(
        f'P{i},Robin Castellano,"9/27/25, 8:41 AM",,INCOMING,https://www.linkedin.com/in/p{i},'
        f"{OWNER}\n"
        for i in range(count)
    )


def messages(count: int, content: str = "hi", first: int = 0) -> str:
    """One message a row, each from its own sender (p<first>, p<first + 1>, ...)."""
    return MESSAGES_HEADER + "".join(
        f"c{i},,P{i},https://www.linkedin.com/in/p{i},Robin Castellano,{OWNER},"
        f"2025-10-19 14:30:00 UTC,,{content} {i},INBOX\n"
        for i in range(first, first + count)
    )


def folder(tmp_path: Path, **files: str | bytes) -> Path:
    """An unpacked export: {"Connections_csv": text} -> tmp_path/export/Connections.csv."""
    place = tmp_path / "export"
    place.mkdir(exist_ok=True)
    for name, data in files.items():
        path = place / name.replace("_csv", ".csv")
        path.write_bytes(data.encode() if isinstance(data, str) else data)
    return place


def db_state(path: Path) -> tuple[bytes, ...]:
    """Everything on disk that makes up the database (the snapshot and its journal)."""
    return tuple(
        p.read_bytes() for p in (path, path.with_name(path.name + ".journal")) if p.exists()
    )


def refusal(path: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[LimitExceeded, int]:
    """Read the export at `path` as an import does; the refusal, and the bytes read before it."""
    with open_export(path, limits) as members, pytest.raises(LimitExceeded) as caught:
        parse_export(members)
    return caught.value, members[0].budget.read


def peak_allocated(work: Callable[[], object]) -> int:
    """The most memory Python had allocated at once while `work` ran (tracemalloc, in bytes)."""
    tracemalloc.start()
    try:
        work()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


# -- row caps, from what LinkedIn can export ---------------------------------------------------


def test_the_caps_leave_room_for_every_real_export() -> None:
    # LinkedIn stops at 30,000 connections; the heavy user netinbox is built for has 100,000
    # messages and 12,000 invitations a year (the file keeps under a year of them).
    assert 30_000 < FILE_CAPS["connections"].rows <= 32_000
    assert FILE_CAPS["messages"].rows >= 2 * 100_000
    assert FILE_CAPS["invitations"].rows >= 2 * 12_000
    # The heavy export's files are 3.5, 2.1 and 29 MB (benchmarks/make_heavy_export.py), and
    # it names 33,745 people.
    for kind, heavy_mb in (("connections", 3.5), ("invitations", 2.1), ("messages", 29)):
        assert FILE_CAPS[kind].mib >= 3 * heavy_mb
    assert DEFAULT_LIMITS.max_total_bytes >= 3 * (3.5 + 2.1 + 29) * MiB
    assert DEFAULT_LIMITS.max_people >= 2 * 33_745


def test_connections_beyond_linkedins_cap_are_refused_at_the_row_that_crosses_it(
    ctx: Context, db_path: Path, tmp_path: Path
) -> None:
    import_export(ctx, folder(tmp_path, Connections_csv=connections(3)))
    before = db_state(db_path)
    archive = tmp_path / "bomb.zip"
    text = connections(200_000)  # the 2.1 M-row bomb's shape, smaller
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("Connections.csv", text)
    with pytest.raises(LimitExceeded) as caught:
        import_export(ctx, archive)
    assert str(caught.value) == (
        "Connections.csv line 31,002: more than 31,000 rows (LinkedIn exports at most 30,000 "
        "connections); nothing was imported"
    )
    assert db_state(db_path) == before
    error, read = refusal(archive)
    assert error.line == 31_002  # the header, 31,000 rows, then the one too many
    row = len(text.splitlines()[31_001]) + 1
    assert read < 31_002 * row + 512 * 1024  # what was read: the rows up to it and a buffer


def test_connections_at_linkedins_cap_and_its_margin_are_read_in_full(tmp_path: Path) -> None:
    export = folder(tmp_path, Connections_csv=connections(31_000))
    with open_export(export) as members:
        assert len(parse_export(members).people) == 31_000


def test_an_export_at_every_cap_still_imports(ctx: Context, tmp_path: Path) -> None:
    # Caps scaled down so the test stays fast: every kind goes through the same Table.
    caps = {
        "connections": FileCap(1_000, 1, "test cap"),
        "invitations": FileCap(1_200, 1, "test cap"),
        "messages": FileCap(1_500, 1, "test cap"),
        "profile": FILE_CAPS["profile"],
    }
    limits = Limits(caps=caps)
    export = folder(
        tmp_path,
        Connections_csv=connections(1_000),
        Invitations_csv=invitations(1_200),
        messages_csv=messages(1_500),
    )
    summary = import_export(ctx, export, limits=limits)
    assert (summary.new_people, summary.new_messages) == (1_500, 1_500)
    for name, text, line, cap in (
        ("Connections.csv", connections(1_001), "1,002", "1,000"),
        ("Invitations.csv", invitations(1_201), "1,202", "1,200"),
        ("messages.csv", messages(1_501), "1,502", "1,500"),
    ):
        kept = (export / name).read_text()
        (export / name).write_text(text)
        with pytest.raises(LimitExceeded, match=rf"^{name} line {line}: more than {cap} rows"):
            import_export(ctx, export, limits=limits)
        (export / name).write_text(kept)


def test_more_people_than_a_real_export_names_are_refused_as_they_appear(tmp_path: Path) -> None:
    # Each new person costs bookkeeping whatever the row caps allow: the count is kept across
    # files (1,500 connections, then messages from people not seen before).
    export = folder(
        tmp_path,
        Connections_csv=connections(1_500),
        messages_csv=messages(5_000, first=1_000),  # p1000-p1499 are known, p1500 on are new
    )
    # 1,500 connections and the owner (the recipient of every message), then p1500-p1998: the
    # 2,001st is p1999, on line 1,001.
    error, _ = refusal(export, Limits(max_people=2_000))
    assert str(error) == (
        "messages.csv line 1,001: more than 2,000 different people (a heavy user's export names "
        "34,000); nothing was imported"
    )


def test_the_cli_says_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.json"
    assert (
        main(["import", str(folder(tmp_path, Connections_csv=connections(2))), "--db", str(db)])
        == 0
    )
    before = db_state(db)
    capsys.readouterr()
    bomb = folder(tmp_path, Connections_csv=connections(40_000))
    assert main(["import", str(bomb), "--db", str(db)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip().splitlines() == [
        "netinbox: Connections.csv line 31,002: more than 31,000 rows (LinkedIn exports at "
        "most 30,000 connections); nothing was imported"
    ]
    assert db_state(db) == before


# -- shapes: every line is checked before the csv reader sees it ------------------------------


# Each bomb is 40-48 MB, built when its test runs: well over what reading one may cost (BOUND), so
# a reader that took a line or a row whole could not stay under it.
BOUND = 24 * MiB
SPANNING_CELL = '"' + "a" * 50 + "\n" + "b" * 50 + '",'
LONG_CELL = 'c,,P,,,,2025-10-19 14:30:00 UTC,,"' + "x" * (48 * MiB) + '",INBOX\n'
SHAPES: dict[str, tuple[str, Callable[[], str], str | None]] = {
    # no line break at all: never read whole
    "one-line": ("messages.csv", lambda: "x" * (48 * MiB), None),
    # one row of millions of short cells
    "many-cells": ("messages.csv", lambda: MESSAGES_HEADER + "a," * (24 * MiB), "line 2: a row"),
    # one record of short quoted cells, each spanning a line break
    "quoted-record": ("messages.csv", lambda: MESSAGES_HEADER + SPANNING_CELL * (MiB // 2), "a row"),
    # a quote opened on line 2, never closed
    "open-quote": ("messages.csv", lambda: MESSAGES_HEADER + '"' + ("x" * 63 + "\n") * (MiB // 2), "a field"),
    # one huge field inside a row, on one line: the row's cap comes first
    "huge-field": ("messages.csv", lambda: MESSAGES_HEADER + LONG_CELL, "line 2: a row"),
}  # fmt: skip


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_bomb_of_any_shape_is_refused_with_little_memory(tmp_path: Path, shape: str) -> None:
    name, build, message = SHAPES[shape]
    export = folder(tmp_path, **{name.replace(".csv", "_csv"): build()})
    size = (export / name).stat().st_size
    errors: list[ImportFailed] = []

    def read() -> None:
        with open_export(export) as members:
            try:
                parse_export(members)
            except ImportFailed as exc:
                errors.append(exc)

    peak = peak_allocated(read)
    assert len(errors) == 1, shape
    assert str(errors[0]).startswith(name)
    if message:
        assert isinstance(errors[0], LimitExceeded)
        assert re.search(message, str(errors[0]))
    assert peak < BOUND < size


def test_millions_of_empty_lines_are_refused_after_eight_per_row_allowed(tmp_path: Path) -> None:
    # (tracemalloc would make a million tiny allocations slow: the bytes read tell instead)
    export = folder(tmp_path, Connections_csv=CONNECTIONS_HEADER + "\n" * (24 * MiB))
    error, read = refusal(export)
    assert str(error) == (
        "Connections.csv line 249,001: more than 249,000 lines (for at most 31,000 rows); "
        "nothing was imported"
    )
    assert read < 2 * MiB


def test_a_bad_byte_far_into_a_long_line_is_found_without_reading_the_line_whole(
    tmp_path: Path,
) -> None:
    line = b"x" * (MiB + 5) + b"\xff" + b"y" * (20 * MiB)
    export = folder(tmp_path, messages_csv=MESSAGES_HEADER.encode() + line + b"\n")
    errors: list[ImportFailed] = []

    def read() -> None:
        with open_export(export) as members:
            try:
                parse_export(members)
            except ImportFailed as exc:
                errors.append(exc)

    peak = peak_allocated(read)
    assert [str(e) for e in errors] == [
        f"messages.csv line 2, column {MiB + 6}: not UTF-8 text (byte 0xff); save the file as "
        "'CSV UTF-8'"
    ]
    assert peak < 12 * MiB


# -- sizes: counted as the bytes come and as the text is held ---------------------------------


def test_text_is_counted_as_held_in_memory_not_as_bytes_on_disk(tmp_path: Path) -> None:
    # One emoji makes Python hold a whole message at 4 bytes a character: 300 KB of such rows
    # take over 1 MB once read, and are refused there, though the file is under 1 MB.
    caps = dict(FILE_CAPS)
    caps["messages"] = FileCap(250_000, 1, "test cap")
    text = messages(1_000, "x" * 300 + "\U0001f600")
    assert len(text.encode()) < MiB
    export = folder(tmp_path, messages_csv=text)
    error, _ = refusal(export, Limits(caps=caps))
    assert "more than 1 MB of text; nothing was imported" in str(error)
    assert error.line is not None and error.line < 1_000


def test_the_whole_export_shares_one_budget(tmp_path: Path) -> None:
    # Each file is under its own cap and the two are under 2 MB on disk, but the messages take
    # 4 bytes a character once read: the export's text crosses 2 MB in messages.csv.
    limits = Limits(max_total_bytes=2 * MiB)
    export = folder(
        tmp_path,
        Connections_csv=connections(10_000),
        messages_csv=messages(3_000, "x" * 300 + "\U0001f600"),
    )
    assert sum(p.stat().st_size for p in export.iterdir()) < 2 * MiB
    error, _ = refusal(export, limits)
    assert re.fullmatch(
        r"messages.csv line [\d,]+: the export holds more than 2 MB of text; nothing was imported",
        str(error),
    )


def test_a_file_that_grows_after_it_was_listed_is_stopped_at_its_cap(tmp_path: Path) -> None:
    caps = dict(FILE_CAPS)
    caps["connections"] = FileCap(31_000, 1, "test cap")
    export = folder(tmp_path, Connections_csv=connections(10))
    with open_export(export, Limits(caps=caps)) as members:
        with (export / "Connections.csv").open("a") as grow:
            grow.write("".join(f"G{i},H{i},,,,,05 Mar 2024,{'x' * 200}\n" for i in range(20_000)))
        with pytest.raises(LimitExceeded, match=r"^Connections.csv: more than 1 MB; nothing"):
            parse_export(members)
        assert members[0].budget.read <= MiB + 256 * 1024


def test_a_member_that_hides_its_compression_ratio_is_caught_by_counting(tmp_path: Path) -> None:
    # 20 MB of one repeated message compresses ~1000:1; the central directory is rewritten to say
    # the member is stored (compressed size = size), so only the bytes really read can tell.
    archive = tmp_path / "lie.zip"
    body = (
        MESSAGES_HEADER
        + (
            f"c,,P,https://www.linkedin.com/in/p,Robin,{OWNER},2025-10-19 14:30:00 UTC,,"
            + "x" * 4000
            + ",INBOX\n"
        )
        * 5000
    )
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("messages.csv", body)
    data = bytearray(archive.read_bytes())
    central = data.rfind(b"PK\x01\x02")
    size = int.from_bytes(data[central + 24 : central + 28], "little")
    data[central + 20 : central + 24] = size.to_bytes(4, "little")
    archive.write_bytes(bytes(data))
    with zipfile.ZipFile(archive) as zf:
        info = zf.getinfo("messages.csv")
        assert info.compress_size == info.file_size  # the lie: no compression at all
    error, read = refusal(archive)
    assert "messages.csv: expands more than 100 times (a zip bomb?)" in str(error)
    assert read < 8 * MiB < len(body)
