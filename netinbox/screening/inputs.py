"""Items as they arrive (JSON from `netinbox screen`, dicts from the app), checked and normalised.

Two modes. `check_item` is strict, for the command line: a wrong type is the caller's mistake and
gets a clear per-line error. `profile_from` is lenient, for `screen_profile`: it never raises and
ignores what it cannot use, because the app must always get a verdict.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime


class InputError(ValueError):
    """An item that is not a message or a profile as SCREENING.md describes them."""


MESSAGE_KINDS = ("invitation_note", "reply_to_thanks", "inmail")
_PROFILE_INTS = (
    "connections", "followers", "posts_90d", "comments_90d", "reactions_90d", "first_job_year",
    "mutual_connections",
)  # fmt: skip
_PROFILE_STRS = ("name", "headline", "invitation_note", "company", "school")
_PROFILE_BOOLS = ("has_photo", "viewed_my_profile", "connections_at_least")
_EDUCATION = {"school": str, "degree": str, "field": str, "end_year": int}
_EXPERIENCE = {"title": str, "company": str, "start_year": int, "end_year": int}


@dataclass(frozen=True, slots=True)
class Profile:
    name: str = ""
    headline: str = ""
    connections: int | None = None
    # "500+": `connections` is a floor (see network.network_size); None counts as not a floor.
    connections_at_least: bool | None = None
    followers: int | None = None
    posts_90d: int | None = None
    comments_90d: int | None = None
    reactions_90d: int | None = None
    first_job_year: int | None = None
    education: tuple[dict, ...] = ()
    experience: tuple[dict, ...] = ()
    has_photo: bool | None = None
    viewed_my_profile: bool | None = None
    mutual_connections: int | None = None
    invitation_note: str = ""
    company: str = ""
    school: str = ""
    received_at: datetime | None = None


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return None


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def parse_time(value: object) -> datetime | None:
    """ISO 8601 ('2026-03-01T09:00:00Z', '2026-03-01') or a Unix timestamp; None if unreadable."""
    try:
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float) and math.isfinite(value):
            return datetime.fromtimestamp(value, tz=UTC)
        if isinstance(value, str) and value.strip():
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except (ValueError, OverflowError, OSError):
        return None
    return None


def _entries(value: object, fields: dict[str, type]) -> tuple[dict, ...]:
    if not isinstance(value, list):
        return ()
    entries = []
    for entry in value:
        if not isinstance(entry, dict):
            continue
        entries.append(
            {
                key: (_int(entry.get(key)) if kind is int else _str(entry.get(key)))
                for key, kind in fields.items()
            }
        )
    return tuple(entries)


def profile_from(item: object) -> Profile:
    """A Profile from whatever dict we were given; bad values are dropped, never raised."""
    if not isinstance(item, dict):
        return Profile()
    values: dict = {key: _int(item.get(key)) for key in _PROFILE_INTS}
    values.update({key: _str(item.get(key)) for key in _PROFILE_STRS})
    values.update(
        {key: item.get(key) if isinstance(item.get(key), bool) else None for key in _PROFILE_BOOLS}
    )
    values["education"] = _entries(item.get("education"), _EDUCATION)
    values["experience"] = _entries(item.get("experience"), _EXPERIENCE)
    values["received_at"] = parse_time(item.get("received_at"))
    return Profile(**values)


def kind_of(item: dict) -> str:
    if "text" in item:
        return "message"
    if "connections" in item or "education" in item:
        return "profile"
    raise InputError("neither a message (no 'text') nor a profile (no 'connections'/'education')")


def _type_name(kind: type) -> str:
    return {str: "a string", int: "a whole number", bool: "true or false", list: "a list"}[kind]


def _expect(item: dict, key: str, kind: type, where: str = "") -> None:
    value = item.get(key)
    if value is None:
        return
    ok = _int(value) is not None if kind is int else isinstance(value, kind)
    if kind is str and isinstance(value, bool):
        ok = False
    if not ok:
        raise InputError(f"{where}{key} must be {_type_name(kind)} or null")


def check_item(item: object) -> str:
    """'message' or 'profile'; raises InputError naming the first problem."""
    if not isinstance(item, dict):
        raise InputError("a line must be a JSON object")
    kind = kind_of(item)
    ident = item.get("id")
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, str | int)):
        raise InputError("id must be a string, a whole number or null")
    when = item.get("received_at")
    if when is not None and parse_time(when) is None:
        raise InputError("received_at must be an ISO 8601 time or a Unix timestamp")
    if kind == "message":
        if not isinstance(item["text"], str):
            raise InputError("text must be a string")
        for key in ("kind", "recipient_first_name", "sender_name", "company", "school"):
            _expect(item, key, str)
        return kind
    for key in _PROFILE_INTS:
        _expect(item, key, int)
    for key in _PROFILE_STRS:
        _expect(item, key, str)
    for key in _PROFILE_BOOLS:
        _expect(item, key, bool)
    for key, fields in (("education", _EDUCATION), ("experience", _EXPERIENCE)):
        _expect(item, key, list)
        for n, entry in enumerate(item.get(key) or []):
            if not isinstance(entry, dict):
                raise InputError(f"{key}[{n}] must be an object")
            for field, field_kind in fields.items():
                _expect(entry, field, field_kind, f"{key}[{n}].")
    return kind
