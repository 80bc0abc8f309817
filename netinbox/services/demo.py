"""The bundled demo data set, loaded with every date shifted so the inbox always looks current."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from netinbox.model import (
    ConversationMark,
    Direction,
    Education,
    Experience,
    Invitation,
    InvitationStatus,
    Person,
    Reply,
    ReplyKind,
    ThankYouNote,
)
from netinbox.paths import bundled_dir
from netinbox.profile_links import listed_profile_url
from netinbox.services.context import ActionError, Context, change
from netinbox.services.dates import parse_cadence, parse_offset
from netinbox.services.verdicts import Batch
from netinbox.text import clean


def demo_file() -> Path:
    return bundled_dir("sample_data") / "demo.json"


def _person(raw: dict[str, Any]) -> Person:
    def number(key: str) -> int | None:
        value = raw.get(key)
        return None if value is None else int(value)

    return Person(
        id=clean(raw["id"]),
        first_name=clean(raw.get("first_name", "")),
        last_name=clean(raw.get("last_name", "")),
        headline=clean(raw.get("headline", "")),
        company=clean(raw.get("company", "")),
        position=clean(raw.get("position", "")),
        location=clean(raw.get("location", "")),
        education=tuple(
            Education(
                clean(e.get("school", "")),
                clean(e.get("degree", "")),
                clean(e.get("field", "")),
                e.get("end_year"),
            )
            for e in raw.get("education", ())
        ),
        experience=tuple(
            Experience(
                clean(x.get("title", "")),
                clean(x.get("company", "")),
                x.get("start_year"),
                x.get("end_year"),
            )
            for x in raw.get("experience", ())
        ),
        connections=number("connections"),
        followers=number("followers"),
        posts_90d=number("posts_90d"),
        comments_90d=number("comments_90d"),
        reactions_90d=number("reactions_90d"),
        first_job_year=number("first_job_year"),
        has_photo=raw.get("has_photo"),
        mutual_connections=number("mutual_connections"),
        viewed_my_profile=raw.get("viewed_my_profile"),
        profile_url=listed_profile_url(clean(raw.get("profile_url", ""))),
        email=clean(raw.get("email", "")),
    )


def load_demo(ctx: Context, path: Path | None = None) -> dict[str, int]:
    """Write the demo set into `ctx.store` (which should be empty). Returns counts per kind."""
    path = path or demo_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ActionError(f"{path}: cannot read the demo data ({exc})") from exc
    now = ctx.now().replace(second=0, microsecond=0)
    where = "the top level"
    try:
        people = {}
        for index, raw in enumerate(data["people"]):
            where = f"people[{index}]"
            person = _person(raw)
            people[person.id] = person
        records: list[object] = []

        def at(text: str) -> datetime:
            return parse_offset(text, now)

        for index, raw in enumerate(data["invitations"]):
            where = f"invitations[{index}]"
            person = people[raw["person"]]
            records.append(
                Invitation(
                    f"demo-{ctx.store.new_id('invitation')}",
                    person.id,
                    at(raw["received"]),
                    Direction.INCOMING,
                    clean(raw.get("note", "")),
                )
            )
        for index, raw in enumerate(data["thank_you_notes"]):
            where = f"thank_you_notes[{index}]"
            person = people[raw["person"]]
            connected = at(raw["connected"])
            people[person.id] = replace(
                person,
                connected_at=connected,
                profile_views=tuple(sorted(at(v) for v in raw.get("viewed", ()))),
                flags=tuple(clean(f) for f in raw.get("flags", ())),
            )
            records.append(
                Invitation(
                    f"demo-{ctx.store.new_id('invitation')}",
                    person.id,
                    connected - timedelta(hours=5),
                    Direction.INCOMING,
                    "",
                    InvitationStatus.ACCEPTED,
                    connected,
                )
            )
            reply = None
            if raw.get("reply"):
                reply = Reply(
                    ReplyKind(raw["reply"]["kind"]),
                    clean(raw["reply"].get("text", "")),
                    at(raw["reply"]["at"]),
                )
            sent = at(raw["sent"]) if raw.get("sent") else None
            records.append(
                ThankYouNote(
                    f"demo-{ctx.store.new_id('note')}",
                    person.id,
                    clean(raw["text"]),
                    connected,
                    sent,
                    reply,
                    archived_at=at(raw["archived"]) if raw.get("archived") else None,
                )
            )
        for index, raw in enumerate(data["conversations"]):
            where = f"conversations[{index}]"
            person = people[raw["person"]]
            records.append(
                ConversationMark(
                    f"demo-{ctx.store.new_id('conversation')}",
                    person.id,
                    clean(raw.get("reason", "")),
                    now - timedelta(days=3),
                    clean(raw.get("next_step", "")),
                    at(raw["due"]) if raw.get("due") else None,
                    parse_cadence(raw.get("cadence", "")),
                )
            )
    except (KeyError, TypeError, ValueError) as exc:
        raise ActionError(f"{path}: bad demo data at {where}: {exc!r}") from exc
    owner = data.get("owner") or {}
    records = _screened(records, people, str(owner.get("first_name") or ctx.owner_first_name), now)
    changes = [change(None, p) for p in people.values()] + [change(None, r) for r in records]
    ctx.store.write_records(changes, meta={"owner": owner, "demo": True})
    counts = {"people": len(people)}
    for record in records:
        name = type(record).__name__
        counts[name] = counts.get(name, 0) + 1
    return counts


def _screened(
    records: list[object], people: dict[str, Person], owner_first_name: str, now: datetime
) -> list[object]:
    """The demo's invitations and replies with their verdicts, screened as one batch like an
    import (the demo's look-alike notes are found as a template)."""
    batch = Batch(owner_first_name, now)
    for record in records:
        if isinstance(record, Invitation):
            batch.add_invitation(record, people.get(record.person_id))
        elif isinstance(record, ThankYouNote) and record.reply and record.reply.text.strip():
            sender = people.get(record.person_id)
            name = f"{sender.first_name} {sender.last_name}".strip() if sender else ""
            batch.add_message(record.id, record.reply.text, name, "reply_to_thanks")
    by_invitation, by_reply = batch.run()
    screened: list[object] = []
    for record in records:
        if isinstance(record, Invitation):
            record = replace(record, verdict=by_invitation[record.id])
        elif isinstance(record, ThankYouNote) and record.id in by_reply:
            record = replace(record, reply=replace(record.reply, verdict=by_reply[record.id]))
        screened.append(record)
    return screened
