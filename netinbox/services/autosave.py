"""What is being typed in the draft editor, kept on disk as it is typed, so a crash, a killed
terminal or a closed laptop loses nothing.

The text goes to its own small record (in meta, one per person), not into the note or draft:
those change only when the user saves, sends or closes the editor, as one undoable action whose
"before" is what they were when the editor opened. When the editor closes, the record goes; when
netinbox stopped with the editor open, the next `r` for that person starts from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from netinbox.services.context import Context
from netinbox.store.codec import dump_dt, load_dt
from netinbox.text import clean

_PREFIX = "typing:"


@dataclass(frozen=True)
class Typed:
    kind: str  # "thank-you" or "reply"
    text: str
    template: str
    at: datetime


def keep(ctx: Context, person_id: str, kind: str, text: str, template: str = "") -> None:
    """Keep what is typed right now (one durable write, no undo step)."""
    ctx.store.write_meta(
        {
            _PREFIX + person_id: {
                "kind": kind,
                "text": clean(text),
                "template": template,
                "at": dump_dt(ctx.now()),
            }
        }
    )


def recovered(ctx: Context, person_id: str, kind: str) -> Typed | None:
    """What was being typed to `person_id` when netinbox last stopped with the editor open."""
    doc = ctx.store.meta(_PREFIX + person_id)
    if not isinstance(doc, dict) or doc.get("kind") != kind or not str(doc.get("text", "")).strip():
        return None
    try:
        at = load_dt(doc.get("at"))
    except ValueError:
        return None
    if at is None:
        return None
    return Typed(kind, clean(str(doc["text"])), str(doc.get("template") or ""), at)


def drop(ctx: Context, person_id: str) -> None:
    """The editor closed and its outcome is saved: nothing left to recover."""
    if ctx.store.meta(_PREFIX + person_id) is not None:
        ctx.store.write_meta({_PREFIX + person_id: None})
