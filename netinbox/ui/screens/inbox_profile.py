"""The Inbox's `o`: open the highlighted person's LinkedIn profile. A mixin of `InboxScreen`.

The stored address is never opened as it is: a database written by an older netinbox may hold an
export's text verbatim. It is rebuilt from its slug (`netinbox.profile_links`); what does not parse
is shown, as plain text, and not opened. When no browser can open it, the address is shown too.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from netinbox.profile_links import canonical_profile_url
from netinbox.text import clean
from netinbox.ui import browser

if TYPE_CHECKING:
    from netinbox.ui.screens.inbox import InboxScreen

SHOWN_CHARACTERS = 300  # of an address that is not opened: enough to see what it is
NOTICE_SECONDS = 20  # long enough to read, or copy by hand, an address


def shown_address(stored: str) -> str:
    """A stored address as the user is shown it: its characters, without terminal controls."""
    text = clean(stored).strip()
    if len(text) > SHOWN_CHARACTERS:
        text = text[: SHOWN_CHARACTERS - 1] + "…"
    return text


async def _off_the_ui_thread(opener: Callable[[str], bool], url: str) -> bool:
    """`opener(url)` in a daemon thread: a browser command that never returns (`webbrowser` waits
    for a plain `$BROWSER` command to exit) must not keep netinbox from quitting, as a thread of
    asyncio's default executor would."""
    loop = asyncio.get_running_loop()
    answer: asyncio.Future[bool] = loop.create_future()

    def settle(opened: bool) -> None:
        if not answer.done():  # the screen may have gone, and its worker with it
            answer.set_result(opened)

    def work() -> None:
        opened = False
        try:
            opened = opener(url)
        finally:  # an answer always comes back, or the screen would wait for ever
            with contextlib.suppress(RuntimeError):  # the app has exited meanwhile
                loop.call_soon_threadsafe(settle, opened)

    threading.Thread(target=work, name="netinbox-open-profile", daemon=True).start()
    return await answer


class ProfileActions:
    """Mixed into InboxScreen (which provides ctx, notify, run_worker, _person_or_warn, …)."""

    def action_open_profile(self: InboxScreen) -> None:
        person_id = self._person_or_warn()
        if person_id is None:
            return
        person = self.ctx.store.person(person_id)
        stored = person.profile_url if person else ""
        if not stored.strip():
            self.notify("No profile address for this person", severity="warning")
            return
        url = canonical_profile_url(stored)
        if url is None:
            self.notify(
                f"Not opened: {shown_address(stored)}\n"
                "This is not a LinkedIn profile address (https://www.linkedin.com/in/…).",
                title="Profile address not opened",
                severity="warning",
                markup=False,
                timeout=NOTICE_SECONDS,
            )
            return
        if self.app.is_web:  # served to a browser: Textual hands the address to that browser
            self.app.open_url(url)
            return
        self.run_worker(self._open_in_browser(url), group="open-profile")

    async def _open_in_browser(self: InboxScreen, url: str) -> None:
        if await _off_the_ui_thread(browser.open_in_browser, url):
            self.notify(f"Opened {url}", markup=False, timeout=4)
            return
        self.notify(
            f"No browser could be started from here. The profile is at {url}",
            title="Profile address",
            severity="warning",
            markup=False,
            timeout=NOTICE_SECONDS,
        )
