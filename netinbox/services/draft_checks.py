"""Live checks on a draft: what would make it read as impersonal before it goes out. They warn and
never block: `check_draft` only reports.

- `unfilled_placeholder`: a `{name}` a template left in the text.
- `first_name_missing`: the name they are greeted by (`services.names.greeting_name`: "Dr. Hans
  Müller" is Hans) is not among the words, anywhere in the text ("Thanks, Ana!" greets as well as
  "Hi Ana"); accents and case do not matter.
- `not_specific`: no content word of the text refers to what we know of them: their company,
  position, headline, past jobs and schools, their invitation notes, their reply to my note, the
  reason and next step of a conversation mark, and my own notes on them. Content words are the
  screening's tokens without its stopwords and courtesy words (one list, `canned` in the screening
  data), without names (theirs and mine), digits and one-letter tokens. Two words match when equal,
  or when the shorter has at least `_STEM_CHARS` characters and starts the longer ("engineer" and
  "engineering"). When we know nothing about them the check stays silent: it could not be met.
- `near_duplicate`: the text is near-identical to a note or reply already sent to someone else, by
  the screening's own template rule (`netinbox.screening.templates`: names masked, word shingles,
  Jaccard similarity). `SentTexts` fingerprints every sent text once per editor session; a keystroke
  then costs a few bucket look-ups and at most `_COMPARE` comparisons, whatever the database holds.
- `reads_as_pitch` / `reads_as_canned`: the screening's verdict on the text as a message from me to
  them (`netinbox.screening.screen_message`), with its strongest reason.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from netinbox.model import Person
from netinbox.screening import config as screening_config
from netinbox.screening import screen_message, templates
from netinbox.screening.message_rules import name_tokens, rules
from netinbox.screening.textnorm import is_blank, phrase_tokens, tokenize
from netinbox.services.context import Context
from netinbox.services.drafting import unfilled_placeholders
from netinbox.services.names import greeting_name
from netinbox.text import clean

Kind = Literal[
    "unfilled_placeholder",
    "first_name_missing",
    "not_specific",
    "near_duplicate",
    "reads_as_pitch",
    "reads_as_canned",
]
# "warning": would embarrass if sent (wrong or no name, a pitch, a copy); "notice": worth a look.
Severity = Literal["warning", "notice"]

_STEM_CHARS = 5  # a shorter prefix would join unrelated words ("data" / "database")
_COMPARE = 6  # sent texts compared per keystroke: the ones sharing most sketch keys


@dataclass(frozen=True, slots=True)
class DraftCheck:
    kind: Kind
    message: str  # one plain sentence; may quote names and text from strangers: never markup
    severity: Severity


# --- near-duplicates of sent texts -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SentMatch:
    """A sent text the draft is near-identical to: who got it (the latest other one), and when."""

    person_id: str
    name: str
    sent_at: datetime
    others: int  # how many more people got the same text


@dataclass(slots=True, eq=False)
class _Entry:
    text: templates.Text  # the first copy seen, as the screening's template rule reads it
    shingles: frozenset[int]
    recipients: dict[str, datetime] = field(default_factory=dict)  # person id -> latest sent time
    # The two latest (time, person id) of distinct people: whoever the draft is for, the latest
    # other one is among them, without walking a template sent to thousands.
    latest: list[tuple[datetime, str]] = field(default_factory=list)

    def add(self, person_id: str, sent_at: datetime) -> None:
        before = self.recipients.get(person_id)
        if before is not None and before >= sent_at:
            return
        self.recipients[person_id] = sent_at
        kept = [pair for pair in self.latest if pair[1] != person_id]
        self.latest = sorted([*kept, (sent_at, person_id)], reverse=True)[:2]


class SentTexts:
    """Fingerprints of every thank-you note and reply already sent, built once (one pass over the
    sent notes and the drafts) so that `near` costs the same on every keystroke whatever the size
    of the database. Texts that mask to the same words share one entry."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._owner = ctx.owner_first_name
        s = screening_config.load()["messages"]["templates"]
        self._min_words = int(s["min_words"])
        self._n = max(int(s["shingle_words"]), 1)
        self._keys = max(int(s["keys"]), 1)
        self._max_candidates = max(int(s["max_candidates"]), 1)
        self._greetings = frozenset(s["greetings"])
        self._exact: dict[tuple[str, ...], _Entry] = {}
        self._entries: list[_Entry] = []
        self._buckets: dict[int, list[int]] = {}
        self._names: dict[str, str] = {}
        for person_id, text, sent_at in _sent_texts(ctx):
            self.add(person_id, text, sent_at)

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, person_id: str, text: str, sent_at: datetime) -> None:
        """Count one more sent text (the editor calls it when it marks a draft sent)."""
        if len(tokenize(text).words) < self._min_words:
            return  # too short to be a template (most thank-you notes): no need to read the person
        person = self._ctx.store.person(person_id)
        prepared = self._prepare(text, person or Person(person_id))
        if prepared is None:
            return
        item, words, shingles = prepared
        entry = self._exact.get(words)
        if entry is None:
            entry = _Entry(item, shingles)
            self._exact[words] = entry
            number = len(self._entries)
            self._entries.append(entry)
            for key in heapq.nsmallest(self._keys, shingles):
                self._buckets.setdefault(key, []).append(number)
        entry.add(person_id, sent_at)
        if person is not None:
            self._names[person_id] = person.name

    def near(self, text: str, exclude_person: str) -> SentMatch | None:
        """The sent text (to someone other than `exclude_person`) this one is near-identical to."""
        person = self._ctx.store.person(exclude_person) or Person(exclude_person)
        prepared = self._prepare(text, person)
        if prepared is None:
            return None
        item, words, shingles = prepared
        exact = self._exact.get(words)
        for entry in ([exact] if exact else []) + self._candidates(shingles):
            match = self._match(entry, exclude_person)
            # The screening decides: the draft and the sent text form one template, or not.
            if match is not None and (entry is exact or templates.find([item, entry.text])):
                return match
        return None

    def _prepare(
        self, text: str, person: Person
    ) -> tuple[templates.Text, tuple[str, ...], frozenset[int]] | None:
        if is_blank(text):
            return None
        # Mask the names a copy varies: theirs (any spelling we hold) and mine.
        names = name_tokens(greeting_name(person), person.name, self._owner)
        # Sender "" counts each text as its own sender, which is what two copies of mine are here.
        item = templates.Text(tokenize(text), "", names)
        words = tuple(templates.masked_words(item.tokens, names, self._greetings))
        if len(words) < self._min_words:
            return None
        # The template rule's shingles: overlapping `shingle_words`-word windows of masked words.
        grams = zip(*(words[k:] for k in range(self._n)), strict=False)
        return item, words, frozenset(map(hash, grams))

    def _candidates(self, shingles: frozenset[int]) -> list[_Entry]:
        shared: dict[int, int] = {}
        for key in heapq.nsmallest(self._keys, shingles):
            for number in self._buckets.get(key, ())[-self._max_candidates :]:
                shared[number] = shared.get(number, 0) + 1
        best = heapq.nlargest(_COMPARE, shared, key=shared.__getitem__)
        return [self._entries[number] for number in best]

    def _match(self, entry: _Entry, exclude_person: str) -> SentMatch | None:
        others = [pair for pair in entry.latest if pair[1] != exclude_person]
        if not others:
            return None
        sent_at, person_id = others[0]
        count = len(entry.recipients) - (exclude_person in entry.recipients)
        name = self._names.get(person_id) or person_id
        return SentMatch(person_id, name, sent_at, count - 1)


def _sent_texts(ctx: Context) -> Iterator[tuple[str, str, datetime]]:
    store = ctx.store
    for key in store.sent_notes():  # the index of sent notes: unsent ones are not even read
        note = store.note(key)
        if note is not None and note.sent_at is not None:
            yield note.person_id, note.text, note.sent_at
    for draft in store.records("drafts"):
        if draft.sent_at is not None:
            yield draft.person_id, draft.text, draft.sent_at


# --- what is known about them ----------------------------------------------------------------------


def _known_about(ctx: Context, person: Person) -> Iterator[str]:
    yield person.company
    yield person.position
    yield person.headline
    yield person.notes
    for job in person.experience:
        yield job.company
        yield job.title
    for school in person.education:
        yield school.school
    for invitation in ctx.store.invitations_of(person.id):
        yield invitation.note
    note = ctx.store.note_for(person.id)
    if note is not None and note.reply is not None:
        yield note.reply.text
    mark = ctx.store.conversation_for(person.id)
    if mark is not None:
        yield mark.reason
        yield mark.next_step


def content_words(texts: Iterable[str], names: frozenset[str]) -> set[str]:
    """The words of `texts` that can say something particular (see the module docstring)."""
    generic = rules().generic_words
    out: set[str] = set()
    for text in texts:
        if not text:
            continue
        for word in phrase_tokens(clean(text)):
            if len(word) > 1 and word[0].isalpha() and word not in generic and word not in names:
                out.add(word)
    return out


def _shared_word(mine: set[str], theirs: set[str]) -> str | None:
    if not theirs:
        return None
    for word in sorted(mine):
        if word in theirs:
            return word
        if len(word) >= _STEM_CHARS and any(
            len(other) >= _STEM_CHARS and (other.startswith(word) or word.startswith(other))
            for other in theirs
        ):
            return word
    return None


# --- the checks ------------------------------------------------------------------------------------


def check_draft(
    ctx: Context, person: Person, text: str, sent: SentTexts | None = None
) -> list[DraftCheck]:
    """What to warn about in `text` before it goes to `person` (empty when it reads as personal).

    The editor builds one `SentTexts` per session and passes it: without it, every call reads all
    the sent texts again (fine for a one-off check from the command line, not for keystrokes)."""
    if is_blank(text):
        return []
    checks: list[DraftCheck] = []
    left = unfilled_placeholders(text)
    if left:
        listed = ", ".join("{" + name + "}" for name in left)
        checks.append(DraftCheck("unfilled_placeholder", f"Still to fill in: {listed}.", "warning"))
    words = phrase_tokens(clean(text))
    greeting = greeting_name(person).strip()
    if greeting and (person.first_name.strip() or person.last_name.strip()):
        wanted = phrase_tokens(greeting)
        if wanted and not _contains(words, wanted):
            checks.append(
                DraftCheck(
                    "first_name_missing",
                    f"It does not greet them by their first name, {clean(greeting)}.",
                    "warning",
                )
            )

    names = name_tokens(greeting_name(person), person.name, ctx.owner_first_name)
    theirs = content_words(_known_about(ctx, person), names)
    if theirs and _shared_word(content_words([text], names), theirs) is None:
        checks.append(
            DraftCheck(
                "not_specific",
                "Nothing in it is specific to them: mention their company, role, note or "
                "what you talked about.",
                "notice",
            )
        )

    match = (sent if sent is not None else SentTexts(ctx)).near(text, person.id)
    if match is not None:
        more = f" (and {match.others} other{'s' * (match.others != 1)})" if match.others else ""
        checks.append(
            DraftCheck(
                "near_duplicate",
                f"It is nearly the same as the text sent to {clean(match.name)}{more} on "
                f"{match.sent_at:%Y-%m-%d}.",
                "warning",
            )
        )

    verdict = screen_message(text, "reply_to_thanks", greeting_name(person), ctx.owner_first_name)
    why = ""
    if verdict.reasons:
        first = verdict.reasons[0]
        # Evidence is a piece of the draft, except for the count of specific words.
        evidence = clean(first.evidence)
        why = f" ({evidence})" if first.signal == "generic_text" else f": “{evidence}”"
    if verdict.label == "pitch":
        checks.append(DraftCheck("reads_as_pitch", f"It reads as a sales pitch{why}.", "warning"))
    elif verdict.label == "canned":
        checks.append(DraftCheck("reads_as_canned", f"It reads as a canned reply{why}.", "notice"))
    return checks


def _contains(words: tuple[str, ...], wanted: tuple[str, ...]) -> bool:
    n = len(wanted)
    return any(words[i : i + n] == wanted for i in range(len(words) - n + 1))
