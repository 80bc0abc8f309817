"""Domain objects <-> TinyDB documents (plain JSON-able dicts).

Dates are stored as ISO-8601 strings with their UTC offset. Text is cleaned on the way in and on
the way out, so a hand-edited or older file cannot smuggle control sequences onto the screen.
"""

from __future__ import annotations

from netinbox.model import (
    Change,
    ConversationMark,
    Direction,
    Draft,
    Education,
    Event,
    Experience,
    Invitation,
    InvitationStatus,
    Message,
    Person,
    Reply,
    ReplyKind,
    ThankYouNote,
)
from netinbox.store.codec_values import (
    as_bool,
    as_int,
    dump_dt,
    dump_verdict,
    load_dt,
    load_verdict,
    text_of,
    with_verdict,
)
from netinbox.text import clean

__all__ = ["dump_dt", "dump_verdict", "load_dt", "load_verdict", "table_and_doc"]


# --- people ---------------------------------------------------------------------------------------


def dump_person(p: Person) -> dict:
    doc = {
        "first_name": p.first_name,
        "last_name": p.last_name,
        "headline": p.headline,
        "company": p.company,
        "position": p.position,
        "location": p.location,
        "education": [
            {"school": e.school, "degree": e.degree, "field": e.field, "end_year": e.end_year}
            for e in p.education
        ],
        "experience": [
            {
                "title": x.title,
                "company": x.company,
                "start_year": x.start_year,
                "end_year": x.end_year,
            }
            for x in p.experience
        ],
        "connections": p.connections,
        "followers": p.followers,
        "posts_90d": p.posts_90d,
        "comments_90d": p.comments_90d,
        "reactions_90d": p.reactions_90d,
        "first_job_year": p.first_job_year,
        "has_photo": p.has_photo,
        "mutual_connections": p.mutual_connections,
        "viewed_my_profile": p.viewed_my_profile,
        "profile_url": p.profile_url,
        "email": p.email,
        "connected_at": dump_dt(p.connected_at),
        "notes": p.notes,
        "tags": list(p.tags),
    }
    # Written only when there are some: 30,000 people need no empty lists each.
    if p.profile_views:
        doc["profile_views"] = [dump_dt(at) for at in p.profile_views]
    if p.flags:
        doc["flags"] = list(p.flags)
    if p.connections_at_least:
        doc["connections_at_least"] = True
    return doc


def load_person(key: str, doc: dict) -> Person:
    return Person(
        id=clean(key),
        first_name=text_of(doc, "first_name"),
        last_name=text_of(doc, "last_name"),
        headline=text_of(doc, "headline"),
        company=text_of(doc, "company"),
        position=text_of(doc, "position"),
        location=text_of(doc, "location"),
        education=tuple(
            Education(
                school=text_of(e, "school"),
                degree=text_of(e, "degree"),
                field=text_of(e, "field"),
                end_year=as_int(e.get("end_year")),
            )
            for e in doc.get("education") or ()
        ),
        experience=tuple(
            Experience(
                title=text_of(x, "title"),
                company=text_of(x, "company"),
                start_year=as_int(x.get("start_year")),
                end_year=as_int(x.get("end_year")),
            )
            for x in doc.get("experience") or ()
        ),
        connections=as_int(doc.get("connections")),
        connections_at_least=as_bool(doc.get("connections_at_least")) is True,
        followers=as_int(doc.get("followers")),
        posts_90d=as_int(doc.get("posts_90d")),
        comments_90d=as_int(doc.get("comments_90d")),
        reactions_90d=as_int(doc.get("reactions_90d")),
        first_job_year=as_int(doc.get("first_job_year")),
        has_photo=as_bool(doc.get("has_photo")),
        mutual_connections=as_int(doc.get("mutual_connections")),
        viewed_my_profile=as_bool(doc.get("viewed_my_profile")),
        profile_url=text_of(doc, "profile_url"),
        email=text_of(doc, "email"),
        connected_at=load_dt(doc.get("connected_at")),
        notes=text_of(doc, "notes"),
        tags=tuple(clean(t) for t in doc.get("tags") or ()),
        # Records from before these fields load with none.
        profile_views=tuple(load_dt(at) for at in doc.get("profile_views") or () if at),
        flags=tuple(clean(f) for f in doc.get("flags") or ()),
    )


# --- invitations ----------------------------------------------------------------------------------


def dump_invitation(i: Invitation) -> dict:
    doc = {
        "person_id": i.person_id,
        "received_at": dump_dt(i.received_at),
        "direction": i.direction.value,
        "note": i.note,
        "status": i.status.value,
        "decided_at": dump_dt(i.decided_at),
    }
    return with_verdict(doc, i.verdict)


def load_invitation(key: str, doc: dict) -> Invitation:
    received = load_dt(doc.get("received_at"))
    if received is None:
        raise ValueError("invitation without received_at")
    return Invitation(
        id=key,
        person_id=clean(doc["person_id"]),
        received_at=received,
        direction=Direction(doc.get("direction") or "incoming"),
        note=text_of(doc, "note"),
        status=InvitationStatus(doc.get("status") or "pending"),
        decided_at=load_dt(doc.get("decided_at")),
        verdict=load_verdict(doc.get("verdict")),
    )


# --- thank-you notes ------------------------------------------------------------------------------


def dump_note(n: ThankYouNote) -> dict:
    reply = None
    if n.reply is not None:
        reply = {"kind": n.reply.kind.value, "text": n.reply.text, "at": dump_dt(n.reply.at)}
        with_verdict(reply, n.reply.verdict)
    doc = {
        "person_id": n.person_id,
        "text": n.text,
        "created_at": dump_dt(n.created_at),
        "sent_at": dump_dt(n.sent_at),
        "reply": reply,
    }
    if n.archived_at is not None:  # rare: most notes are never archived
        doc["archived_at"] = dump_dt(n.archived_at)
    return doc


def load_note(key: str, doc: dict) -> ThankYouNote:
    raw_reply = doc.get("reply")
    reply = None
    if raw_reply:
        reply = Reply(
            kind=ReplyKind(raw_reply["kind"]),
            text=text_of(raw_reply, "text"),
            at=load_dt(raw_reply.get("at")),
            verdict=load_verdict(raw_reply.get("verdict")),
        )
    created = load_dt(doc.get("created_at"))
    if created is None:
        raise ValueError("thank-you note without created_at")
    return ThankYouNote(
        id=key,
        person_id=clean(doc["person_id"]),
        text=text_of(doc, "text"),
        created_at=created,
        sent_at=load_dt(doc.get("sent_at")),
        reply=reply,
        archived_at=load_dt(doc.get("archived_at")),
    )


# --- drafts ---------------------------------------------------------------------------------------


def dump_draft(d: Draft) -> dict:
    return {
        "person_id": d.person_id,
        "text": d.text,
        "updated_at": dump_dt(d.updated_at),
        "template": d.template,
        "sent_at": dump_dt(d.sent_at),
    }


def load_draft(key: str, doc: dict) -> Draft:
    updated = load_dt(doc.get("updated_at"))
    if updated is None:
        raise ValueError("draft without updated_at")
    return Draft(
        id=key,
        person_id=clean(doc["person_id"]),
        text=text_of(doc, "text"),
        updated_at=updated,
        template=text_of(doc, "template"),
        sent_at=load_dt(doc.get("sent_at")),
    )


# --- conversation marks ---------------------------------------------------------------------------


def dump_mark(m: ConversationMark) -> dict:
    return {
        "person_id": m.person_id,
        "reason": m.reason,
        "created_at": dump_dt(m.created_at),
        "next_step": m.next_step,
        "due_at": dump_dt(m.due_at),
        "cadence": m.cadence,
        "done_at": dump_dt(m.done_at),
        "last_contact_at": dump_dt(m.last_contact_at),
    }


def load_mark(key: str, doc: dict) -> ConversationMark:
    created = load_dt(doc.get("created_at"))
    if created is None:
        raise ValueError("conversation mark without created_at")
    return ConversationMark(
        id=key,
        person_id=clean(doc["person_id"]),
        reason=text_of(doc, "reason"),
        created_at=created,
        next_step=text_of(doc, "next_step"),
        due_at=load_dt(doc.get("due_at")),
        cadence=text_of(doc, "cadence"),
        done_at=load_dt(doc.get("done_at")),
        last_contact_at=load_dt(doc.get("last_contact_at")),  # absent in marks saved before it
    )


# --- messages ------------------------------------------------------------------------------------


def dump_message(m: Message) -> dict:
    doc = {
        "thread_id": m.thread_id,
        "at": dump_dt(m.at),
        "sender_id": m.sender_id,
        "sender_name": m.sender_name,
        "recipient_ids": list(m.recipient_ids),
        "subject": m.subject,
        "text": m.text,
        "folder": m.folder,
        "from_owner": m.from_owner,
    }
    return with_verdict(doc, m.verdict)


def load_message(key: str, doc: dict) -> Message:
    at = load_dt(doc.get("at"))
    if at is None:
        raise ValueError("message without a time")
    return Message(
        id=key,
        thread_id=clean(doc.get("thread_id") or ""),
        at=at,
        sender_id=clean(doc.get("sender_id") or ""),
        sender_name=text_of(doc, "sender_name"),
        recipient_ids=tuple(clean(r) for r in doc.get("recipient_ids") or ()),
        subject=text_of(doc, "subject"),
        text=text_of(doc, "text"),
        folder=text_of(doc, "folder"),
        from_owner=bool(doc.get("from_owner")),
        verdict=load_verdict(doc.get("verdict")),
    )


# --- events ---------------------------------------------------------------------------------------


def dump_event(e: Event) -> dict:
    return {
        "at": dump_dt(e.at),
        "action": e.action,
        "summary": e.summary,
        "person_ids": list(e.person_ids),
        "changes": [
            {"table": c.table, "key": c.key, "before": c.before, "after": c.after}
            for c in e.changes
        ],
        "undone_at": dump_dt(e.undone_at),
    }


def load_event(key: str, doc: dict) -> Event:
    at = load_dt(doc.get("at"))
    if at is None:
        raise ValueError("event without a time")
    return Event(
        id=key,
        at=at,
        action=str(doc.get("action") or ""),
        summary=text_of(doc, "summary"),
        person_ids=tuple(doc.get("person_ids") or ()),
        changes=tuple(
            Change(table=c["table"], key=c["key"], before=c.get("before"), after=c.get("after"))
            for c in doc.get("changes") or ()
        ),
        undone_at=load_dt(doc.get("undone_at")),
    )


DUMPERS = {
    Person: ("people", dump_person),
    Invitation: ("invitations", dump_invitation),
    ThankYouNote: ("notes", dump_note),
    Draft: ("drafts", dump_draft),
    ConversationMark: ("conversations", dump_mark),
    Message: ("messages", dump_message),
}
LOADERS = {
    "people": load_person,
    "invitations": load_invitation,
    "notes": load_note,
    "drafts": load_draft,
    "conversations": load_mark,
    "messages": load_message,
    "events": load_event,
}


def table_and_doc(
    record: Person | Invitation | ThankYouNote | Draft | ConversationMark | Message,
) -> tuple[str, str, dict]:
    table, dump = DUMPERS[type(record)]
    return table, record.id, dump(record)
