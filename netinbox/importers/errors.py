"""What an import reports: a refusal (nothing written) and the rows it chose to skip."""

from __future__ import annotations

from dataclasses import dataclass, field

from netinbox.services.context import ActionError


class ImportFailed(ActionError):
    """The export cannot be imported as it is; the message names the file, line and what was expected.

    It is an ActionError, so the CLI and the app already show it as one line, never a traceback.
    """


class LimitExceeded(ImportFailed):
    """A file holds more than any LinkedIn export can (rows, bytes, a field, a row): raised while
    reading, the moment the limit is crossed, so the rest of the file is never read.

    "Connections.csv line 31,005: more than 31,000 rows (...); nothing was imported".
    """

    def __init__(self, file: str, what: str, line: int | None = None) -> None:
        where = f"{file} line {line:,}" if line else file
        super().__init__(f"{where}: {what}; nothing was imported")
        self.file = file
        self.line = line


# Skips that are part of every normal export: they are counted, but their lines are not listed.
BENIGN = frozenset({"blank row", "unsent draft", "duplicate row"})
_SHOWN_LINES = 3


@dataclass
class SkipLog:
    """Rows left out, grouped by (file, reason). Only a few line numbers are kept per group, so a
    hostile file with a million bad rows cannot make the log itself big."""

    groups: dict[tuple[str, str], list] = field(default_factory=dict)

    def add(self, file: str, reason: str, line: int) -> None:
        group = self.groups.setdefault((file, reason), [0, []])
        group[0] += 1
        if len(group[1]) < _SHOWN_LINES:
            group[1].append(line)

    def count(self, reason: str | None = None) -> int:
        return sum(g[0] for (_, r), g in self.groups.items() if reason is None or r == reason)

    def describe(self) -> str:
        """'2 blank rows (Connections.csv), 1 bad date (Invitations.csv line 17)'."""
        parts = []
        for (file, reason), (count, lines) in self.groups.items():
            what = f"{count:,} {_plural(reason, count)}"
            if reason in BENIGN or not lines:
                parts.append(f"{what} ({file})")
                continue
            listed = ", ".join(str(n) for n in lines) + (", …" if count > len(lines) else "")
            word = "line" if count == 1 else "lines"
            parts.append(f"{what} ({file} {word} {listed})")
        return ", ".join(parts)


def _plural(noun: str, count: int) -> str:
    if count == 1:
        return noun
    head, _, tail = noun.partition(" (")
    words = head.split(" ")
    # "bad date" -> "bad dates", "row without a name" -> "rows without a name"
    index = next((i for i, w in enumerate(words) if w in ("row", "rows")), len(words) - 1)
    if not words[index].endswith("s"):
        words[index] += "s"
    return " ".join(words) + (f" ({tail}" if tail else "")
