"""The `netinbox` command line: every subcommand, its options and its help, parsed into one clear
line on a mistake (argparse's default is the whole usage and status 2)."""

from __future__ import annotations

import argparse
import re
from datetime import date
from typing import NoReturn

from netinbox import __version__
from netinbox.exporters.lists import EXPORT_KINDS
from netinbox.model import ReplyKind
from netinbox.paste.model import KINDS as PASTE_KINDS
from netinbox.services import listing
from netinbox.services.dates import WHEN_RULE
from netinbox.services.lists.never_responded import ONLY


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One clear line and status 1 (argparse's default is the whole usage and status 2).
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _days(text: str) -> int:
    if not re.fullmatch(r"\d{1,5}", text.strip()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days (0 or more)")
    return int(text)


def _iso_day(text: str) -> date:
    # ISO only for now: a weekday name would need a rule for days in the past.
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"{text!r} is not a date; give the day as YYYY-MM-DD")


def build_parser() -> argparse.ArgumentParser:
    db_help = "database file (default: $NETINBOX_DB, else the user data dir)"
    # Subcommands accept --db too; SUPPRESS keeps them from resetting a --db given before the command.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)

    parser = _Parser(
        prog="netinbox", description="A keyboard-driven terminal inbox for LinkedIn networking."
    )
    parser.add_argument("--db", metavar="PATH", help=db_help)
    parser.add_argument("--version", action="version", version=f"netinbox {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="run on the bundled demo data (a temporary database unless --db is given)",
    )
    parser.add_argument("--theme", help="colour theme name (see themes/)")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    lst = sub.add_parser(
        "list", parents=[common], help=f"print a list ({', '.join(listing.LIST_KINDS)})"
    )
    lst.add_argument("kind", choices=listing.LIST_KINDS)
    lst.add_argument("--json", action="store_true", help="a JSON array, for scripts")

    for name, verb in (("accept", "accept"), ("decline", "decline")):
        cmd = sub.add_parser(
            name, parents=[common], help=f"{verb} pending invitations by person id"
        )
        cmd.add_argument("ids", nargs="+", metavar="ID")

    draft = sub.add_parser(
        "draft", parents=[common], help="print the draft to ID (the open one, else a template)"
    )
    draft.add_argument("id", metavar="ID")
    draft.add_argument("--template", metavar="NAME", help="render this template instead")
    sent = sub.add_parser(
        "sent",
        parents=[common],
        help="mark the thank-you note to ID as sent (once sent: the reply, with its text)",
    )
    sent.add_argument("id", metavar="ID")
    text = sent.add_mutually_exclusive_group()
    text.add_argument("--text", metavar="T", help="the text as sent")
    text.add_argument("--file", metavar="F", help="read the text as sent from F ('-' = stdin)")

    reply = sub.add_parser(
        "reply", parents=[common], help="record what came back for the thank-you note to ID"
    )
    reply.add_argument("id", metavar="ID")
    reply.add_argument("--kind", required=True, choices=[k.value for k in ReplyKind])
    reply.add_argument("--text", default="", help="what they wrote")

    mark = sub.add_parser("mark", parents=[common], help="mark ID for a real conversation")
    mark.add_argument("id", metavar="ID")
    mark.add_argument("--reason", default=None, metavar="T", help="why this conversation matters")
    mark.add_argument("--next", dest="next_step", default=None, metavar="T", help="the next step")
    mark.add_argument(
        "--due",
        default=None,
        metavar="WHEN",
        help=f"'friday', 'in 2 weeks', '2026-12-01'. {WHEN_RULE}",
    )
    mark.add_argument(
        "--every",
        dest="cadence",
        default=None,
        metavar="CADENCE",
        help="stay in touch: 'every 3 months', 'every other week', 'monthly'",
    )
    # The names of earlier versions, still read so that scripts keep working.
    mark.add_argument("--next-step", dest="next_step", default=None, help=argparse.SUPPRESS)
    mark.add_argument("--cadence", dest="cadence", default=None, help=argparse.SUPPRESS)
    done = sub.add_parser(
        "done", parents=[common], help="the next step with ID is done (a cadence sets the next)"
    )
    done.add_argument("id", metavar="ID")
    snooze = sub.add_parser("snooze", parents=[common], help="put the conversation with ID off")
    snooze.add_argument("id", metavar="ID")
    snooze.add_argument(
        "when", nargs="+", metavar="WHEN", help=f"'next monday', 'in 10 days'. {WHEN_RULE}"
    )

    flag = sub.add_parser("flag", parents=[common], help="flag people as spam after connecting")
    flag.add_argument("ids", nargs="+", metavar="ID")
    flag.add_argument("--off", action="store_true", help="take the flag off")
    archive = sub.add_parser(
        "archive", parents=[common], help="put the thank-you notes to IDs off never-responded"
    )
    archive.add_argument("ids", nargs="+", metavar="ID")
    archive.add_argument("--undo", action="store_true", help="bring the notes back")
    viewed = sub.add_parser("viewed", parents=[common], help="record that ID viewed your profile")
    viewed.add_argument("id", metavar="ID")
    viewed.add_argument(
        "--on", type=_iso_day, metavar="YYYY-MM-DD", help="the day they viewed it (default: now)"
    )

    sub.add_parser("undo", parents=[common], help="undo the most recent action")
    imp = sub.add_parser(
        "import", parents=[common], help="import LinkedIn's data export (the ZIP or its folder)"
    )
    imp.add_argument("path", metavar="PATH")
    exp = sub.add_parser("export", parents=[common], help="write a list as CSV or JSON")
    exp.add_argument("kind", choices=EXPORT_KINDS)
    exp.add_argument("--format", choices=("csv", "json"), help="default: from -o, else csv")
    exp.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    for cmd in (lst, exp):
        cmd.add_argument("--days", type=_days, metavar="N", help="never-responded: waited N days")
        cmd.add_argument("--only", choices=ONLY, help="never-responded: just this kind")
    sub.add_parser(
        "recover", parents=[common], help="restore the last good snapshot of a damaged database"
    )
    paste = sub.add_parser(
        "paste", parents=[common], help="read a LinkedIn page copied from the browser, then save it"
    )
    paste.add_argument("file", nargs="?", default="-", help="the pasted text ('-' = stdin)")
    paste.add_argument("--as", dest="paste_kind", choices=PASTE_KINDS, help="default: found")
    paste.add_argument("--dry-run", action="store_true", help="show what was understood only")
    paste.add_argument("--json", action="store_true", help="one JSON object, for scripts")
    screen = sub.add_parser("screen", help="screen messages/profiles: JSON lines in, verdicts out")
    screen.add_argument("file", nargs="?", default="-", help="JSON lines file ('-' = stdin)")
    return parser
