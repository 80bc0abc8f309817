"""LinkedIn export rows -> facts about people, invitations and messages (no store, no I/O of its own).

Every layout of FORMAT.md §3-5 goes through the same readers: columns are looked up by name, so
2018's `From,To,Date,Subject,Content,Direction,Folder`, 2019's upper-case copy, 2021's 9 columns and
2023-2025's 10-13 columns differ only in which optional columns are present.

People are identified by their profile slug (see `values.profile_id`), and their profile address is
rebuilt from it (`netinbox.profile_links`): an address that does not parse is dropped, and the
person is treated like one named without an address. Old exports have no profile addresses; a
name is then looked up among the names this export or the database already tie to an address, and
only when that fails does the person get a stable name-based id (`values.fallback_id`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from netinbox.importers.archive import Member
from netinbox.importers.csvfiles import Columns, Table
from netinbox.importers.errors import ImportFailed, LimitExceeded, SkipLog
from netinbox.importers.values import (
    norm_name,
    parse_date,
    profile_id,
    stable_id,
)
from netinbox.model import Direction
from netinbox.profile_links import profile_url_for
from netinbox.text import clean

CONNECTIONS = Columns(
    ("first name", "last name", "connected on"), ("url", "email address", "company", "position")
)
INVITATIONS = Columns(
    ("from", "to", "sent at", "direction"), ("message", "inviterprofileurl", "inviteeprofileurl")
)
MESSAGES = Columns(
    ("from", "to", "date", "content"),
    (
        "conversation id",
        "conversation title",
        "sender profile url",
        "recipient profile urls",
        "subject",
        "folder",
        "direction",
        "is message draft",
    ),
)
PROFILE = Columns(("first name", "last name"))
_BAD_SHARE = 0.5  # more than half the dated rows unreadable: the format is wrong, not a few rows
_ANONYMOUS = "linkedin member"


@dataclass
class PersonFacts:
    id: str
    first_name: str = ""
    last_name: str = ""
    profile_url: str = ""
    company: str = ""
    position: str = ""
    email: str = ""
    connected_at: datetime | None = None
    from_connections: bool = False

    @property
    def key(self) -> str:
        return norm_name(f"{self.first_name} {self.last_name}")


@dataclass(frozen=True)
class InvitationFacts:
    person_id: str
    direction: Direction
    sent_at: datetime
    note: str


class MessageFacts:
    """One message row, kept small: 100,000 of them are in memory at once."""

    __slots__ = (
        "id",
        "thread_id",
        "at",
        "sender_id",
        "sender_name",
        "recipient_ids",
        "to_name",
        "subject",
        "text",
        "folder",
        "direction",
        "from_owner",
        "legacy",
    )

    def __init__(
        self,
        id: str,
        thread_id: str,
        at: datetime,
        sender_id: str,
        sender_name: str,
        recipient_ids: tuple[str, ...],
        to_name: str,
        subject: str,
        text: str,
        folder: str,
        direction: str,
        legacy: bool,
    ) -> None:
        self.id = id
        self.thread_id = thread_id
        self.at = at
        self.sender_id = sender_id
        self.sender_name = sender_name
        self.recipient_ids = recipient_ids
        self.to_name = to_name
        self.subject = subject
        self.text = text
        self.folder = folder
        self.direction = direction
        self.from_owner = False  # known once the owner is (resolve.py)
        self.legacy = legacy


@dataclass
class Owner:
    first_name: str = ""
    last_name: str = ""
    profile_url: str = ""

    @property
    def id(self) -> str:
        return profile_id(self.profile_url)

    @property
    def key(self) -> str:
        return norm_name(f"{self.first_name} {self.last_name}")


@dataclass
class ParsedExport:
    owner: Owner = field(default_factory=Owner)
    people: dict[str, PersonFacts] = field(default_factory=dict)
    invitations: list[InvitationFacts] = field(default_factory=list)
    messages: list[MessageFacts] = field(default_factory=list)
    skips: SkipLog = field(default_factory=SkipLog)
    latest_at: datetime | None = None


Progress = Callable[[int], None]


class _Reader:
    """Reads the export's files into raw facts, then ties names to ids."""

    def __init__(self, known_names: dict[str, str], progress: Callable[[str, int], None]) -> None:
        self.out = ParsedExport()
        self.skips = self.out.skips
        self.known_names = known_names  # normalised name -> id, from the database (unambiguous)
        self.progress = progress
        self.connections: list[tuple[str, str, str, str, str, str, datetime, str, int]] = []
        self.invitation_rows: list[tuple[str, str, Direction, datetime, str, str, int]] = []
        self.owner_urls: Counter[str] = Counter()
        self.owner_names: Counter[str] = Counter()
        self.message_urls: Counter[tuple[str, str]] = Counter()  # (thread, id) -> rows
        self.names: dict[str, set[str]] = {}  # normalised name -> ids seen with an address
        # The ids that came with a profile address. The address itself is rebuilt from the id
        # when the person is made (resolve.py): the export's own text is never kept, so a crafted
        # address cannot reach the database, an export or a browser.
        self.addressed: set[str] = set()

    # -- helpers -----------------------------------------------------------------------------------

    def _date(self, table: Table, text: str, line: int, counts: list[int]) -> datetime | None:
        counts[0] += 1
        value = parse_date(text)
        if value is None:
            counts[1] += 1
            self.skips.add(table.name, "bad date", line)
            return None
        latest = self.out.latest_at
        if latest is None or value > latest:
            self.out.latest_at = value
        return value

    @staticmethod
    def _check_dates(table: Table, counts: list[int], example: str) -> None:
        total, bad = counts
        if total >= 20 and bad > total * _BAD_SHARE:
            raise ImportFailed(
                f"{table.name}: {bad:,} of {total:,} rows have a date that cannot be read "
                f"(expected e.g. {example!r}); is the file from a LinkedIn export?"
            )

    def _tie(self, name: str, url: str) -> None:
        person_id = profile_id(url)
        if not person_id:
            return
        self.addressed.add(person_id)
        key = norm_name(name)
        if key:
            self.names.setdefault(key, set()).add(person_id)

    def _open(self, member: Member, columns: Columns) -> Table:
        return Table(member, columns, self.skips, lambda done: self.progress(member.name, done))

    def _rows(self, table: Table) -> Iterator[tuple[int, list[str]]]:
        """table.rows(), refused once the export names more people than a real one could: each
        new profile address costs bookkeeping here, whatever the row caps allow."""
        people, cap = self.addressed, table.member.limits.max_people
        for line, values in table.rows():
            yield line, values
            if len(people) > cap:
                raise LimitExceeded(
                    table.name,
                    f"more than {cap:,} different people (a heavy user's export names 34,000)",
                    line,
                )

    # -- files -------------------------------------------------------------------------------------

    def profile(self, member: Member) -> None:
        with self._open(member, PROFILE) as table:
            for _, (first, last) in table.rows():
                self.out.owner.first_name = clean(first).strip()
                self.out.owner.last_name = clean(last).strip()
                break

    def invitations(self, member: Member) -> None:
        counts = [0, 0]
        with self._open(member, INVITATIONS) as table:
            for line, values in self._rows(table):
                sender, recipient, sent, direction_text, note, inviter, invitee = values
                direction = {"INCOMING": Direction.INCOMING, "OUTGOING": Direction.OUTGOING}.get(
                    direction_text.strip().upper()
                )
                if direction is None:
                    self.skips.add(table.name, "unknown direction", line)
                    continue
                sent_at = self._date(table, sent, line, counts)
                if sent_at is None:
                    continue
                sender, recipient = clean(sender).strip(), clean(recipient).strip()
                inviter, invitee = clean(inviter).strip(), clean(invitee).strip()
                if direction is Direction.INCOMING:
                    name, url, me, my_url = sender, inviter, recipient, invitee
                else:
                    name, url, me, my_url = recipient, invitee, sender, inviter
                my_id = profile_id(my_url)
                if my_id:
                    self.owner_urls[profile_url_for(my_id)] += 1
                if me:
                    self.owner_names[me] += 1
                if not name and not profile_id(url):
                    self.skips.add(table.name, "row without a name", line)
                    continue
                self._tie(name, url)
                self.invitation_rows.append(
                    (name, url, direction, sent_at, clean(note).strip(), table.name, line)
                )
            self._check_dates(table, counts, "9/27/25, 8:41 AM")

    def connections_file(self, member: Member) -> None:
        counts = [0, 0]
        with self._open(member, CONNECTIONS) as table:
            for line, values in self._rows(table):
                first, last, connected, url, email, company, position = (
                    clean(v).strip() for v in values
                )
                if not (first or last or url):
                    # LinkedIn writes hidden/deactivated members as ",,,,,,05 Nov 2021".
                    self.skips.add(table.name, "blank row", line)
                    continue
                connected_at = self._date(table, connected, line, counts)
                if connected_at is None:
                    continue
                self._tie(f"{first} {last}", url)
                self.connections.append(
                    (first, last, url, email, company, position, connected_at, table.name, line)
                )
            self._check_dates(table, counts, "05 Mar 2024")

    def messages(self, member: Member) -> None:
        counts = [0, 0]
        seen: set[str] = set()
        intern: dict[str, str] = {}
        keep = intern.setdefault  # the same thread ids, names and folders repeat thousands of times
        with self._open(member, MESSAGES) as table:
            legacy = "sender profile url" not in table.present
            # The owner is in every row; counting addresses is only needed when the invitations
            # did not already say who the owner is.
            count_urls = not self.owner_urls
            tied: set[str] = set()
            for line, values in self._rows(table):
                (sender, to, date, content, conversation, title, sender_url, recipient_urls,
                 subject, folder, direction, draft) = values  # fmt: skip
                if draft.strip().lower() in ("yes", "true"):
                    self.skips.add(table.name, "unsent draft", line)
                    continue
                at = self._date(table, date, line, counts)
                if at is None:
                    continue
                thread = conversation.strip()
                sender_id = profile_id(sender_url)
                recipients = ()
                if recipient_urls:
                    urls = [u for u in recipient_urls.split(",") if profile_id(u)]
                    recipients = tuple(keep(profile_id(u), profile_id(u)) for u in urls)
                    self.addressed.update(recipients)
                    if count_urls:
                        self.message_urls.update((thread, r) for r in recipients)
                sender_name = clean(sender).strip()
                if sender_id:
                    if count_urls:
                        self.message_urls[thread, sender_id] += 1
                    if sender_id not in tied:
                        tied.add(sender_id)
                        self._tie(sender_name, sender_url)
                to_name = clean(to).strip()
                text = clean(content).strip()
                message_id = stable_id(
                    "li-",
                    thread or norm_name(to_name),
                    at.isoformat(),
                    sender_id or norm_name(sender_name),
                    text,
                )
                if message_id in seen:
                    self.skips.add(table.name, "duplicate row", line)
                    continue
                seen.add(message_id)
                folder = folder.strip().upper()
                self.out.messages.append(
                    MessageFacts(
                        id=message_id,
                        thread_id=keep(thread, thread),
                        at=at,
                        sender_id=keep(sender_id, sender_id),
                        sender_name=keep(sender_name, sender_name),
                        recipient_ids=recipients,
                        to_name=keep(to_name, to_name),
                        subject=clean(subject or title).strip(),
                        text=text,
                        folder=keep(folder, folder),
                        direction=direction.strip().upper(),
                        legacy=legacy,
                    )
                )
            self._check_dates(table, counts, "2025-10-19 14:30:00 UTC")


def parse_export(
    members: Iterable[Member],
    known_names: dict[str, str] | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> ParsedExport:
    """Read every known file of the export and return what it says, ids resolved."""
    reader = _Reader(known_names or {}, progress or (lambda name, done: None))
    order = {"profile": 0, "invitations": 1, "connections": 2, "messages": 3}
    for member in sorted(members, key=lambda m: order[m.kind]):
        {
            "profile": reader.profile,
            "invitations": reader.invitations,
            "connections": reader.connections_file,
            "messages": reader.messages,
        }[member.kind](member)
    from netinbox.importers.resolve import resolve

    resolve(reader)
    return reader.out
