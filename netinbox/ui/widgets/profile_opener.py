"""`o` on any screen that shows people: open the person's LinkedIn profile.

The stored address is never opened as it is: a database written by an older netinbox may hold an
export's text verbatim. It is rebuilt from its slug (`netinbox.profile_links`); what does not parse
is shown, as plain text, and not opened. When no browser can open it, the address is shown too.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable

from textual.widget import Widget

from netinbox.profile_links import canonical_profile_url
from netinbox.text import clean
from netinbox.ui import browser

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


def open_profile(owner: Widget, stored: str) -> None:
    """Open the profile at `stored` (a person's stored address) on behalf of `owner`, the screen
    or widget whose notices and worker it uses."""
    if not stored.strip():
        owner.notify("No profile address for this person", severity="warning")
        return
    url = canonical_profile_url(stored)
    if url is None:
        owner.notify(
            f"Not opened: {shown_address(stored)}\n"
            "This is not a LinkedIn profile address (https://www.linkedin.com/in/…).",
            title="Profile address not opened",
            severity="warning",
            markup=False,
            timeout=NOTICE_SECONDS,
        )
        return
    if owner.app.is_web:  # served to a browser: Textual hands the address to that browser
        owner.app.open_url(url)
        return
    owner.run_worker(_open_in_browser(owner, url), group="open-profile")


async def _open_in_browser(owner: Widget, url: str) -> None:
    if await _off_the_ui_thread(browser.open_in_browser, url):
        owner.notify(f"Opened {url}", markup=False, timeout=4)
        return
    owner.notify(
        f"No browser could be started from here. The profile is at {url}",
        title="Profile address",
        severity="warning",
        markup=False,
        timeout=NOTICE_SECONDS,
    )
