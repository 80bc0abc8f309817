"""The messages that carry data changes through the UI.

Whoever changes data (a person action, undo, an import, a rescreen, a restore) posts `DataChanged`
to the screen in front; that screen redraws what it shows. Screens that are not in front catch up
when they come back (they compare the store's revision), so nobody walks the screen stack.
"""

from __future__ import annotations

from textual.message import Message


class DataChanged(Message):
    """Records changed. `focus` is the person the cursor should land on in every list that shows
    them; with `follow`, the screen also moves to the list they are in (after an undo, say).
    `said` is the one line that confirms what was done (the status line, not a toast)."""

    def __init__(
        self,
        person_ids: tuple[str, ...] = (),
        focus: str | None = None,
        said: str = "",
        follow: bool = False,
    ) -> None:
        super().__init__()
        self.person_ids = person_ids
        self.focus = focus
        self.said = said
        self.follow = follow


class StartRescreen(Message):
    """The palette asked for a rescreen: the screen in front shows its progress."""
