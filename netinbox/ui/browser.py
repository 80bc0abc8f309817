"""Opening a page in the user's web browser, and saying so when it cannot be done.

Textual's `App.open_url` calls `webbrowser.open` on the UI thread and drops its answer, so the app
could neither tell the user that nothing opened nor stay responsive while a browser starts. This
module makes the decision and reports it; the caller shows the address when the answer is no.
"""

from __future__ import annotations

import os
import subprocess
import webbrowser

# Browsers that draw in the terminal: started from the app they would fight it for the screen and
# the keyboard (and `webbrowser` waits for them to exit), so for the app they are no browser.
TERMINAL_BROWSERS = frozenset({"www-browser", "links", "links2", "elinks", "lynx", "w3m", "browsh"})


def open_in_browser(url: str) -> bool:
    """Open `url` in a new tab of the user's graphical browser; False when there is none, when it
    draws in the terminal, or when it could not be started.

    It can block for seconds (finding the browser runs `xdg-settings`, and a running Firefox is
    given up to 5 s to answer): call it off the UI thread."""
    try:
        browser = webbrowser.get()
    except webbrowser.Error:  # nothing registered: no display, no $BROWSER, no known command
        return False
    except ValueError:  # a $BROWSER with an unclosed quote: no browser either
        return False
    name = os.path.basename(str(getattr(browser, "name", ""))).lower()
    if name in TERMINAL_BROWSERS:
        return False
    try:
        return bool(browser.open(url, new=2))
    except (OSError, subprocess.SubprocessError, webbrowser.Error):
        return False
