"""CSV files as LinkedIn (and Excel) write them: find the header, map columns by name, stream rows.

- The header is the first of the first 20 rows that holds every required column, so the
  3-line "Notes:" preamble of Connections.csv (2021+) and its absence (2018-2020, Excel copies) both
  work. Names are compared case-insensitively (`FROM` in 2019, `From` in 2018) and a column is found
  by name, never by position; unknown extra columns are ignored.
- The delimiter is the one under which that header is found: `,` as LinkedIn writes, `;` or tab
  as some spreadsheet programs save.
- Text is UTF-8 (a BOM, as Excel writes, is dropped); anything else is refused with the line and
  column of the first bad byte. Line endings may be LF, CRLF or CR; quoted fields may span lines.
- Limits (limits.py) are checked line by line as the text is decoded, before a row is handed on:
  rows per kind of file, physical lines (blank ones too), characters per row and per field, and
  the memory the text of the file and of the whole export takes. A line is never read whole, only
  one row's worth of it, so a file with no line break costs a few MB to refuse, not its size.
  The process-wide csv field limit is raised only while a file is read, then restored.
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from netinbox.importers.archive import Member
from netinbox.importers.errors import ImportFailed, LimitExceeded, SkipLog
from netinbox.importers.limits import MiB
from netinbox.text import one_line

HEADER_SEARCH_ROWS = 20
_PREAMBLE_LINES = 1000  # lines allowed on top of the per-row allowance (preamble, header)
_STR_OVERHEAD = sys.getsizeof("")  # a str's size minus this is what its characters take
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
    ) -> None:
        self.member = member
        self.name = member.name
        self.columns = columns
        self.skips = skips
        self._progress = progress
        limits = member.limits
        self.cap = limits.cap(member.kind)
        self._field_chars = limits.field_chars
        self._row_chars = limits.row_chars
        self._max_lines = self.cap.rows * limits.lines_per_row + _PREAMBLE_LINES
        self._max_text = self.cap.mib * MiB
        self.present: frozenset[str] = frozenset()
        self.header_line = 0
        self.lines_read = 0  # physical lines handed to the csv reader so far
        self._record_chars = 0  # characters of the row being read, over all its lines
        self._text_size = 0  # bytes the decoded text of this file takes in memory
        self._stream: BinaryIO | None = None

    # -- opening -----------------------------------------------------------------------------------

    def __enter__(self) -> Table:
        self._old_limit = csv.field_size_limit()
        csv.field_size_limit(self._field_chars)
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
                # End the prefix on a line break, reading no more than one row may hold.
                prefix += self._text.readline(self._row_chars + 1)
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
        lines = self._lines(io.StringIO(prefix, newline="").readline, self._text.readline)
        self._reader = csv.reader(lines, delimiter=delimiter, strict=False)
        try:
            for _ in range(self.header_line):
                next(self._reader)
        except csv.Error as exc:  # pragma: no cover - the same rows parsed cleanly a moment ago
            raise ImportFailed(f"{self.name} line {self._reader.line_num}: {exc}") from exc
        self._record_chars = 0

    def _lines(self, *sources: Callable[[int], str]) -> Iterator[str]:
        """The file's physical lines for the csv reader, each checked before the reader sees it.

        csv.reader has no limits of its own but the field size: a row of a million short cells, or
        a quoted field that runs over many lines, would grow in memory until the file ends. Here a
        line is read at most one row's worth at a time, and the row's characters (reset by rows()
        after each row), the lines and the text held are counted as they come."""
        name = self.name
        row_chars = self._row_chars
        max_lines = self._max_lines
        max_text = self._max_text
        budget = self.member.budget
        max_total = budget.limits.max_total_bytes
        size_of = sys.getsizeof
        for readline in sources:
            while line := readline(row_chars + 1):
                self.lines_read += 1
                self._record_chars += len(line)
                size = size_of(line) - _STR_OVERHEAD
                self._text_size += size
                budget.text += size
                if self._record_chars > row_chars:
                    raise LimitExceeded(
                        name,
                        f"a row is longer than {row_chars // MiB} MB (an unclosed quote, or not a "
                        "CSV file?)",
                        self.lines_read,
                    )
                if self.lines_read > max_lines:
                    raise LimitExceeded(
                        name,
                        f"more than {max_lines:,} lines (for at most {self.cap.rows:,} rows)",
                        self.lines_read,
                    )
                if self._text_size > max_text:
                    raise LimitExceeded(
                        name, f"more than {self.cap.mib} MB of text", self.lines_read
                    )
                if budget.text > max_total:
                    raise LimitExceeded(
                        name,
                        f"the export holds more than {max_total // MiB} MB of text",
                        self.lines_read,
                    )
                yield line

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
        max_rows = self.cap.rows
        previous_end = reader.line_num
        count = 0
        try:
            for row in reader:
                self._record_chars = 0
                line = previous_end + 1
                previous_end = reader.line_num
                if not row:
                    continue  # an empty physical line is not a row
                count += 1
                if count > max_rows:
                    raise LimitExceeded(
                        self.name, f"more than {max_rows:,} rows ({self.cap.why})", line
                    )
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
            if "field larger than field limit" in str(exc):
                raise LimitExceeded(
                    self.name,
                    f"a field is longer than {self._field_chars // MiB} MB (an unclosed quote?)",
                    reader.line_num,
                ) from exc
            raise ImportFailed(f"{self.name} line {reader.line_num}: {exc}") from exc
        if self._progress is not None:
            self._progress(self._bytes_read())

    def _bytes_read(self) -> int:
        raw = getattr(self._stream, "raw", None)
        return int(getattr(raw, "count", 0))

    def _decode_error(self) -> ImportFailed:
        """Re-read the member to say exactly where the first byte that is not UTF-8 is.

        In chunks, never by line: the file may have no line break at all."""
        decoder = codecs.getincrementaldecoder("utf-8")()
        line, column = 1, 1
        with self.member.open() as stream:
            while chunk := stream.read(256 * 1024):
                try:
                    text = decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    # exc.object is the bytes the decoder held back plus this chunk
                    good = bytes(exc.object[: exc.start]).decode("utf-8")
                    line, column = _advance(line, column, good)
                    return ImportFailed(
                        f"{self.name} line {line}, column {column}: not UTF-8 text "
                        f"(byte 0x{exc.object[exc.start]:02x}); save the file as 'CSV UTF-8'"
                    )
                line, column = _advance(line, column, text)
        return ImportFailed(f"{self.name}: not UTF-8 text; save the file as 'CSV UTF-8'")


def _advance(line: int, column: int, text: str) -> tuple[int, int]:
    """The (line, column) reached after `text`, lines ending at LF as the first pass counts them."""
    breaks = text.count("\n")
    if not breaks:
        return line, column + len(text)
    return line + breaks, len(text) - text.rfind("\n")


def _title(name: str) -> str:
    return " ".join(word.capitalize() for word in name.split())
