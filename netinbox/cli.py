"""The `netinbox` command: the full-screen inbox, and scriptable subcommands over the same services.

Output of `list --json` is a contract for scripts. Errors are one line on stderr and exit status 1,
never a traceback (set NETINBOX_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import datetime, time
from pathlib import Path

from netinbox.cli_args import UsageError, build_parser
from netinbox.clock import Clock, ClockError
from netinbox.config import ConfigError, Settings
from netinbox.model import Event, ReplyKind
from netinbox.oserrors import describe, show_path
from netinbox.paste.lines import PasteError
from netinbox.paths import resolve_db_path
from netinbox.services import (
    ActionError,
    Context,
    conversations,
    drafting,
    followthrough,
    followup,
    listing,
    templates,
    triage,
    undo,
)
from netinbox.services.dates import WhenError
from netinbox.services.demo import load_demo
from netinbox.store import DatabaseDamaged, DatabaseSetAside, Store, StoreError, recover_locked
from netinbox.text import one_line

# Commands that only read: they take no writer lock, so they work while the app is open.
READ_ONLY_COMMANDS = frozenset({"list", "export", "draft"})


def _print_rows(kind: str, rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    columns = listing.TABLE_COLUMNS[kind]
    table = Table(box=None, show_edge=False, pad_edge=False)
    id_width = max((len(str(row.get("id") or "")) for row in rows), default=2)
    for column in columns:
        if column == "id":
            # Ids are what the other commands take: never cut them short.
            table.add_column(column, no_wrap=True, min_width=id_width)
        else:
            table.add_column(column, overflow="ellipsis", no_wrap=True, max_width=48)
    for row in rows:
        if row.get("verdict_by_user"):
            row = {**row, "verdict": f"{row['verdict']} (yours)"}
        # Text cells: strangers' names are never parsed as Rich markup.
        table.add_row(*(Text(one_line("" if row.get(c) is None else row[c])) for c in columns))
    # A pipe gets a wide table rather than Rich's 80-column default, so nothing useful is cut.
    console = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 200)
    console.print(table)
    console.print(Text(f"{len(rows)} {kind}"), style="dim")


def _seed_demo(db_path: Path, ctx_for: Callable[[Store], Context]) -> None:
    """Fill `db_path` with the demo, refusing to touch a database that holds the user's own data."""
    with Store(db_path, purpose="netinbox --demo") as store:
        if not (store.meta("demo") or store.is_empty()):
            raise ActionError(
                f"{db_path} holds your own data; --demo only writes to a new file or an earlier demo"
            )
        store.reset()
        load_demo(ctx_for(store))
    _say_warnings(store)


def _say_warnings(store: Store) -> None:
    """Trouble after the work was saved: said, but the command still succeeded."""
    for warning in store.warnings:
        print(f"netinbox: warning: {one_line(warning)}", file=sys.stderr)
    store.warnings.clear()


def _check_the_rest(store: Store) -> None:
    """After a writer's action, check the tables it did not read (a few milliseconds even for a
    heavy user's database): damage is found while the previous snapshot still holds a good copy,
    instead of passing unseen until some later command needs that table."""
    try:
        store.verify()
    except DatabaseDamaged as exc:
        store.warnings.append(f"your change was saved, but {exc}")


def _check_arguments(argv: Sequence[str]) -> None:
    """Bytes that are not UTF-8 reach Python as lone surrogates, which no file name, message or
    JSON output can carry faithfully: say so up front instead of failing half-way."""
    for position, value in enumerate(argv, 1):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise UsageError(
                f"argument {position} ({show_path(value)}) holds bytes that are not UTF-8 text; "
                "rename the file or retype the argument"
            ) from None


def run(argv: Sequence[str] | None = None) -> int:
    _check_arguments(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    clock = Clock.from_env()
    if args.command == "screen":  # a pure function of its input: never opens a database
        from netinbox.screening.command import run as run_screen

        return run_screen(args.file, year=clock.now().year)
    settings = Settings.load()
    if args.command == "paste":
        return _paste(args, clock, settings)
    temp_dir = None
    db_path = resolve_db_path(args.db)
    try:
        if args.demo:
            if not args.db:
                temp_dir = tempfile.mkdtemp(prefix="netinbox-demo-")
                db_path = Path(temp_dir) / "demo.json"
            _seed_demo(db_path, lambda store: Context(store, clock, settings))
        if args.command is None:
            return _run_app(db_path, clock, settings, args.theme, demo=args.demo)
        if args.command == "recover":
            return _recover(db_path)
        read_only = args.command in READ_ONLY_COMMANDS
        with Store(db_path, read_only=read_only) as store:
            code = _run_command(args, Context(store, clock, settings))
            if not read_only:
                _check_the_rest(store)
        _say_warnings(store)
        return code
    finally:
        if temp_dir:
            shutil.rmtree(temp_dir, ignore_errors=True)


def _paste(args: argparse.Namespace, clock: Clock, settings: Settings) -> int:
    """Parsed before any database is opened: a paste that cannot be read saves nothing."""
    from netinbox.paste.command import parse_source, show

    result = parse_source(args.file, clock.now(), args.paste_kind)
    show(result, args.json)
    if args.dry_run:
        return 0
    # The saving service is imported only when saving, so reading a paste needs none of it.
    from netinbox.services.paste import save_paste

    with Store(resolve_db_path(args.db)) as store:
        summary = save_paste(Context(store, clock, settings), result)
        _check_the_rest(store)
    _say_warnings(store)
    print(one_line(summary.line), file=sys.stderr if args.json else sys.stdout)
    return 0


def _run_app(db_path: Path, clock: Clock, settings: Settings, theme: str | None, demo: bool) -> int:
    from netinbox.ui.app import NetinboxApp

    with _open_for_app(db_path) as store:
        app = NetinboxApp(Context(store, clock, settings), theme=theme or settings.theme, demo=demo)
        app.run()
        _say_when_saving_takes_a_moment(store)
    _say_warnings(store)
    return app.return_code or 0


# Folding a few MB of journal takes about a second at a heavy user's size: say so, not hang.
SAVING_NOTICE_BYTES = 4 * 1024 * 1024


def _say_when_saving_takes_a_moment(store: Store) -> None:
    pending = store.journal_to_fold()
    if pending >= SAVING_NOTICE_BYTES:
        print(
            f"netinbox: saving (folding {pending / 1024 / 1024:.0f} MB of changes into "
            f"{store.path.name})…",
            file=sys.stderr,
            flush=True,
        )


def _open_for_app(db_path: Path) -> Store:
    """Open for the full-screen app; a damaged database is set aside and recovery is offered."""
    try:
        return Store(db_path, purpose="netinbox (full-screen inbox)")
    except DatabaseSetAside as exc:
        if exc.plan is None or not sys.stdin.isatty():
            raise
        print(f"netinbox: {exc}", file=sys.stderr)
        answer = input(f"Restore {exc.plan.describe()} now? [y/N] ").strip().lower()
        if answer not in ("y", "yes"):
            raise ActionError(
                "nothing restored; run `netinbox recover` when you are ready"
            ) from None
        _recover(db_path)
        return Store(db_path, purpose="netinbox (full-screen inbox)")


def _recover(db_path: Path) -> int:
    print(f"Recovered {db_path}: {recover_locked(db_path)}")
    return 0


def _given(value: str | None, current: str) -> str:
    return current if value is None else value


def _run_command(args: argparse.Namespace, ctx: Context) -> int:
    narrowed = args.command in ("list", "export") and (args.days, args.only) != (None, None)
    if narrowed and args.kind != "never-responded":
        raise UsageError("--days and --only apply to never-responded only")
    if args.command in ("import", "export"):
        from netinbox.exporters import run_export
        from netinbox.importers.console import run_import

        if args.command == "import":
            return run_import(ctx, args.path)
        return run_export(ctx, args.kind, args.format, args.output, args.days, args.only)
    if args.command == "list":
        rows = listing.rows(ctx, args.kind, args.days, args.only)
        if args.json:
            sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=True) + "\n")
        else:
            _print_rows(args.kind, rows)
        return 0
    if args.command == "draft":
        sys.stdout.write(_draft_text(ctx, args.id, args.template).rstrip("\n") + "\n")
        return 0
    if args.command == "accept":
        event = triage.accept(ctx, args.ids)
    elif args.command == "decline":
        event = triage.decline(ctx, args.ids)
    elif args.command == "sent":
        event = _mark_sent(ctx, args.id, _sent_text(args))
    elif args.command == "reply":
        event = followup.record_reply(ctx, args.id, ReplyKind(args.kind), args.text)
    elif args.command == "mark":
        # What is not given stays as it was: `mark ID --next T` changes only the next step.
        current = ctx.store.conversation_for(args.id)
        event = conversations.mark(
            ctx,
            args.id,
            reason=_given(args.reason, current.reason if current else ""),
            due=args.due if args.due is not None or current is None else None,
            next_step=_given(args.next_step, current.next_step if current else ""),
            cadence=_given(args.cadence, current.cadence if current else ""),
        )
    elif args.command == "done":
        event = conversations.done(ctx, args.id)
    elif args.command == "snooze":
        event = conversations.snooze(ctx, args.id, " ".join(args.when))
    elif args.command == "flag":
        event = followthrough.flag_spam(ctx, args.ids, flagged=not args.off)
    elif args.command == "archive":
        event = followthrough.archive(ctx, args.ids, archived=not args.undo)
    elif args.command == "viewed":
        # A day alone means its start, in the user's zone: a view that day counts as before an
        # invitation that came later the same day.
        at = datetime.combine(args.on, time(), ctx.clock.local_tz) if args.on else ctx.now()
        event = followthrough.record_view(ctx, args.id, at)
    elif args.command == "undo":
        event = undo.undo(ctx)
        print(f"Undid: {one_line(event.summary)}")
        return 0
    else:  # pragma: no cover - argparse only lets known commands through
        raise UsageError(f"unknown command {args.command!r}")
    print(one_line(event.summary))
    return 0


def _draft_text(ctx: Context, person_id: str, template: str | None) -> str:
    """What `r` would open: the unsent thank-you note or reply draft, else the fitting template."""
    person = ctx.store.person(person_id)
    if person is None:
        raise ActionError(f"no person with id {person_id!r}")
    if template is None:
        note = ctx.store.note_for(person_id)
        if note is not None and note.sent_at is None:
            return note.text
        draft = ctx.store.draft_for(person_id)
        if draft is not None and draft.sent_at is None:
            return draft.text
    return templates.draft_from_template(ctx, person, template)


def _sent_text(args: argparse.Namespace) -> str | None:
    if args.file is None:
        text = args.text
    elif args.file == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise UsageError(
                f"{show_path(args.file)} is not UTF-8 text; save it as UTF-8"
            ) from None
    if text is not None and not text.strip():
        raise UsageError("the text is empty; give the text as you sent it")
    return text


def _mark_sent(ctx: Context, person_id: str, text: str | None) -> Event:
    """The thank-you note while it is unsent; after it, the reply (an open draft, or `text`)."""
    note = ctx.store.note_for(person_id)
    draft = ctx.store.draft_for(person_id)
    open_draft = draft is not None and draft.sent_at is None
    if (note is not None and note.sent_at is None) or (text is None and not open_draft):
        return followup.mark_sent(ctx, person_id, text)  # says why when there is nothing to mark
    return drafting.mark_draft_sent(ctx, person_id, text)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(argv)
    except (
        UsageError,
        ActionError,
        StoreError,
        WhenError,
        ConfigError,
        ClockError,
        PasteError,
    ) as exc:
        print(f"netinbox: {one_line(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("netinbox: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `netinbox list pending | head` closes the pipe early: not an error worth a message.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # a file the user named, or the disk: a sentence, not a traceback
        print(f"netinbox: {describe(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: still one line, with the way to see more
        if os.environ.get("NETINBOX_DEBUG"):
            raise
        print(
            f"netinbox: internal error: {one_line(repr(exc))} (set NETINBOX_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 1
