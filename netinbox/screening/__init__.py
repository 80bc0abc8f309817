"""Screening: explained verdicts on messages and inviter profiles (labels in SCREENING.md).

Plain Python, no UI or storage imports. Every verdict names its signals with short evidence; word
lists, thresholds and the schools table live in `data/*.toml`, overridable from
`user_config_dir() / "screening"` (see `config.py`).
"""

from __future__ import annotations

from netinbox.model import ReplyKind
from netinbox.screening.batch import screen_batch
from netinbox.screening.messages import screen_message
from netinbox.screening.profiles import screen_profile
from netinbox.screening.verdict import Reason, Verdict

_REPLY_KINDS = {
    "pitch": ReplyKind.PITCH,
    "canned": ReplyKind.CANNED,
    "personal": ReplyKind.PERSONAL,
    "empty": ReplyKind.NONE,
}


def classify_reply(text: str, recipient_first_name: str = "") -> ReplyKind:
    """What kind of reply to a thank-you note `text` is (empty text means nothing came back)."""
    verdict = screen_message(text, "reply_to_thanks", recipient_first_name)
    return _REPLY_KINDS.get(verdict.label, ReplyKind.NONE)


__all__ = [
    "Reason",
    "Verdict",
    "classify_reply",
    "screen_batch",
    "screen_message",
    "screen_profile",
]
