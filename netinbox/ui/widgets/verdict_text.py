"""Screening verdicts as `rich.Text`: the short coloured label of a row, the reasons of the card.

Evidence quotes strangers (a phrase of their note, their headline), so it is always appended as
plain text, never parsed as markup.
"""

from __future__ import annotations

from rich.text import Text

from netinbox.model import StoredVerdict
from netinbox.text import one_line

# What the user reads for each label (invitations and messages).
LABEL_TEXT = {
    "genuine": "genuine",
    "list_builder": "list-builder",
    "likely_fake": "likely fake",
    "pitch": "pitch",
    "unchecked": "unchecked",
    "personal": "personal",
    "canned": "canned",
    "empty": "empty",
}
# Colours by what the label asks of the user: red look hard, magenta selling, yellow doubtful.
LABEL_STYLE = {
    "genuine": "green",
    "list_builder": "yellow",
    "likely_fake": "bold red",
    "pitch": "magenta",
    "unchecked": "dim italic",  # no profile facts: nothing to judge yet
    "personal": "green",
    "canned": "dim",
    "empty": "dim",
}
MINE = " ✓you"  # after a label the user gave
NOT_SCREENED = "·"
VERDICT_WIDTH = len("list-builder")  # the verdict column without an override in it
VERDICT_WIDTH_MINE = len("list-builder" + MINE)


def label_text(label: str) -> str:
    return LABEL_TEXT.get(label, label.replace("_", " ") or "?")


def verdict_cell(verdict: StoredVerdict | None) -> Text:
    """The row's verdict: the label acted on, marked as the user's when it is theirs."""
    if verdict is None or not verdict.shown_label:
        return Text(NOT_SCREENED, style="dim")
    label = verdict.shown_label
    text = Text(label_text(label), style=LABEL_STYLE.get(label, ""))
    if verdict.by_user:
        text.append(MINE, style="bold")
    return text


def signal_text(signal: str) -> str:
    """'huge_network_no_activity' -> 'huge network no activity'."""
    return one_line(signal.replace("_", " "), 40)


def reasons_text(verdict: StoredVerdict, limit: int = 6, evidence_width: int = 90) -> Text:
    """'signal: evidence · signal: evidence', each evidence as the literal text it is."""
    text = Text()
    for n, (signal, evidence) in enumerate(verdict.reasons[:limit]):
        if n:
            text.append(" · ", style="dim")
        text.append(signal_text(signal), style="bold")
        if evidence:
            text.append(": ")
            text.append(one_line(evidence, evidence_width))
    return text


def why_text(verdict: StoredVerdict | None, what: str = "") -> Text:
    """The card's verdict line: 'Why list-builder (0.99): reasons', with the user's own label
    first when they gave one."""
    text = Text()
    if verdict is None or not verdict.label:
        text.append(f"Not screened yet{what}: ctrl+p → Rescreen everything", style="dim")
        return text
    label = verdict.label
    if verdict.by_user:
        text.append("Your verdict: ", style="dim")
        text.append_text(verdict_cell(verdict))
        text.append(" · screening said ", style="dim")
    else:
        text.append("Why ", style="dim")
    text.append(label_text(label), style=LABEL_STYLE.get(label, ""))
    if label != "unchecked":  # not a judgement, so no confidence to show
        text.append(f" ({verdict.score:.2f})", style="dim")
    if verdict.reasons:
        text.append(": ", style="dim")
        text.append_text(reasons_text(verdict))
    else:
        text.append(": no warning signs", style="dim")
    return text


def reply_verdict_text(verdict: StoredVerdict, limit: int = 2) -> Text:
    """A reply's verdict in one short line: 'screened pitch: scheduler link: calendly.com/…'."""
    text = Text()
    text.append("screened ", style="dim")
    text.append(label_text(verdict.label), style=LABEL_STYLE.get(verdict.label, ""))
    if verdict.user_label and verdict.user_label != verdict.label:
        text.append(f" (you said {label_text(verdict.user_label)})", style="dim")
    if verdict.reasons:
        text.append(": ", style="dim")
        text.append_text(reasons_text(verdict, limit, 60))
    return text
