"""What an import did, as counts and as the one line the CLI and the app show."""

from __future__ import annotations

from dataclasses import dataclass, field

from netinbox.importers.errors import SkipLog


def _n(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


@dataclass
class ImportSummary:
    new_people: int = 0
    updated_people: int = 0
    merged_people: int = 0
    new_pending: int = 0
    new_invitations: int = 0
    accepted: int = 0
    new_messages: int = 0
    new_notes: int = 0
    new_replies: int = 0
    owner: str = ""
    skips: SkipLog = field(default_factory=SkipLog)

    @property
    def changed(self) -> bool:
        return any(
            (
                self.new_people,
                self.updated_people,
                self.merged_people,
                self.new_invitations,
                self.accepted,
                self.new_messages,
                self.new_notes,
                self.new_replies,
            )
        )

    def line(self) -> str:
        """'+412 people, 38 pending invitations, 1,204 messages, 3 rows skipped: …'"""
        parts = [
            f"+{_n(self.new_people, 'person', 'people')}",
            _n(self.new_pending, "pending invitation", "pending invitations"),
            _n(self.new_messages, "message", "messages"),
        ]
        extras = (
            (self.accepted, "invitation now accepted", "invitations now accepted"),
            (self.new_notes, "thank-you note", "thank-you notes"),
            (self.new_replies, "reply", "replies"),
            (self.updated_people, "person updated", "people updated"),
            (self.merged_people, "person merged", "people merged"),
        )
        parts.extend(_n(count, one, many) for count, one, many in extras if count)
        if not self.changed:
            parts.append("nothing new")
        skipped = self.skips.count()
        if skipped:
            parts.append(f"{_n(skipped, 'row', 'rows')} skipped: {self.skips.describe()}")
        return ", ".join(parts)

    def __str__(self) -> str:
        return self.line()
