"""CSV files as LinkedIn (and Excel) write them: find the header, map columns by name, stream rows.

- The header is the first of the first 20 rows that holds every required column, so the
  3-line "Notes:" preamble of Connections.csv (2021+) and its absence (2018-2020, Excel copies) both
  work. Names are compared case-insensitively (`FROM` in 2019, `From` in 2018) and a column is found
  by name, never by position; unknown extra columns are ignored.
- The delimiter is the one under which that header is found: `,` as LinkedIn writes, `;` or tab
  as some spreadsheet programs save.
- Text is UTF-8 (a BOM, as Excel writes, is dropped); anything else is refused with the line and
  column of the first bad byte. Line endings may be LF, CRLF or CR; quoted fields may span lines.
- A single field may not exceed 1 MB (an unclosed quote would otherwise swallow the whole file);
  the process-wide csv limit is raised only while a file is read, then restored.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from netinbox.importers.archive import Member
from netinbox.importers.errors import ImportFailed, SkipLog
from netinbox.text import one_line

FIELD_LIMIT = 1024 * 1024
HEADER_SEARCH_ROWS = 20
MAX_ROWS = 2_000_000
_SNIFF_CHARS = 64 * 1024
_DELIMITERS = (",", ";", "\t")
_PROGRESS_EVERY = 2000  # rows between progress reports


def normalise_header(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").casefold().split())


@dataclass(frozen=True)
class Columns:
    """The columns a file must have, and those used when present (lower-case names)."""

    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def wanted(self) -> tuple[str, ...]:
        return self.required + self.optional


class Table:
    """One CSV member, open for reading. `present` says which optional columns the header has;
    `rows()` yields (line number, values in `columns.wanted` order; "" for absent columns)."""

    def __init__(
        self,
        member: Member,
        columns: Columns,
        skips: SkipLog,
        progress: Callable[[int], None] | None = None,
        max_rows: int = MAX_ROWS,
    ) -> None:
        self.member = member
        self.name = member.name
        self.columns = columns
        self.skips = skips
        self._progress = progress
        self._max_rows = max_rows
        self.present: frozenset[str] = frozenset()
        self.header_line = 0
        self._stream: BinaryIO | None = None

    # -- opening -----------------------------------------------------------------------------------

    def __enter__(self) -> Table:
        self._old_limit = csv.field_size_limit()
        csv.field_size_limit(FIELD_LIMIT)
        try:
            self._open()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        csv.field_size_limit(self._old_limit)
        if self._stream is not None:
            self._stream.close()
            self._stream = None

    def _open(self) -> None:
        self._stream = self.member.open()
        self._text = io.TextIOWrapper(self._stream, encoding="utf-8-sig", newline="")
        try:
            prefix = self._text.read(_SNIFF_CHARS)
            if len(prefix) == _SNIFF_CHARS:
                prefix += self._text.readline()  # end the prefix on a line break
        except UnicodeDecodeError as exc:
            raise self._decode_error() from exc
        for delimiter in _DELIMITERS:
            found = self._find_header(prefix, delimiter)
            if found is not None:
                break
        else:
            first = one_line(prefix.split("\n", 1)[0], 60) or "(empty)"
            raise ImportFailed(
                f"{self.name}: no header row with the columns "
                f"{', '.join(_title(c) for c in self.columns.required)} in its first "
                f"{HEADER_SEARCH_ROWS} lines (line 1 reads {first!r}); is this the file "
                "from LinkedIn's export?"
            )
        self.header_line, header = found
        self._delimiter = delimiter
        index: dict[str, int] = {}
        for position, cell in enumerate(header):
            index.setdefault(normalise_header(cell), position)
        self._width = len(header)
        self._indexes = [index.get(name, -1) for name in self.columns.wanted]
        self.present = frozenset(name for name in self.columns.wanted if name in index)
        lines = itertools.chain(io.StringIO(prefix, newline=""), self._text)
        self._reader = csv.reader(lines, delimiter=delimiter, strict=False)
        try:
            for _ in range(self.header_line):
                next(self._reader)
        except csv.Error as exc:  # pragma: no cover - the same rows parsed cleanly a moment ago
            raise ImportFailed(f"{self.name} line {self._reader.line_num}: {exc}") from exc

    def _find_header(self, prefix: str, delimiter: str) -> tuple[int, list[str]] | None:
        reader = csv.reader(io.StringIO(prefix, newline=""), delimiter=delimiter, strict=False)
        required = set(self.columns.required)
        try:
            for count, row in enumerate(reader, start=1):
                if required <= {normalise_header(cell) for cell in row}:
                    return count, row
                if count >= HEADER_SEARCH_ROWS:
                    break
        except csv.Error:
            return None
        return None

    # -- rows --------------------------------------------------------------------------------------

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        reader = self._reader
        indexes = self._indexes
        width = self._width
        previous_end = reader.line_num
        count = 0
        try:
            for row in reader:
                line = previous_end + 1
                previous_end = reader.line_num
                if not row:
                    continue  # an empty physical line is not a row
                count += 1
                if count > self._max_rows:
                    raise ImportFailed(f"{self.name}: more than {self._max_rows:,} rows; refused")
                if count % _PROGRESS_EVERY == 0 and self._progress is not None:
                    self._progress(self._bytes_read())
                size = len(row)
                if size > width and any(cell.strip() for cell in row[width:]):
                    # More cells than the header: a quote went wrong, columns would be misread.
                    self.skips.add(self.name, "malformed row", line)
                    continue
                yield line, [row[i] if 0 <= i < size else "" for i in indexes]
        except UnicodeDecodeError as exc:
            raise self._decode_error() from exc
        except csv.Error as exc:
            message = str(exc)
            if "field larger than field limit" in message:
                message = (
                    f"a field is longer than {FIELD_LIMIT // 1024 // 1024} MB (an unclosed quote?)"
                )
            raise ImportFailed(f"{self.name} line {reader.line_num}: {message}") from exc
        if self._progress is not None:
            self._progress(self._bytes_read())

    def _bytes_read(self) -> int:
        raw = getattr(self._stream, "raw", None)
        return int(getattr(raw, "count", 0))

    def _decode_error(self) -> ImportFailed:
        """Re-read the member to say exactly where the first byte that is not UTF-8 is."""
        with self.member.open() as stream:
            for number, line in enumerate(stream, start=1):
                try:
                    line.decode("utf-8")
                except UnicodeDecodeError as exc:
                    column = len(line[: exc.start].decode("utf-8", "replace")) + 1
                    return ImportFailed(
                        f"{self.name} line {number}, column {column}: not UTF-8 text "
                        f"(byte 0x{line[exc.start]:02x}); save the file as 'CSV UTF-8'"
                    )
        return ImportFailed(f"{self.name}: not UTF-8 text; save the file as 'CSV UTF-8'")


def _title(name: str) -> str:
    return " ".join(word.capitalize() for word in name.split())
