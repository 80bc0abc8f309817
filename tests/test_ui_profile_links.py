"""`o` in the Inbox: only a rebuilt LinkedIn address is opened; anything else is shown, not opened.

No test here may start a real browser (under the headless driver `App.open_url` would): the
`browsers` fixture replaces what `webbrowser` finds, and `App.open_url` fails the test if called.
"""

from __future__ import annotations

import os
import subprocess
import sys
import webbrowser
from pathlib import Path

import pytest

from netinbox.services import Context
from netinbox.ui import browser
from netinbox.ui.app import NetinboxApp
from tests.factories import add_invitation
from tests.ui_helpers import make_app, screen_text

CANONICAL = "https://www.linkedin.com/in/ana-silva/"
HOSTILE = "https://evil.example\\@www.linkedin.com/in/someone"


class FakeBrowser:
    def __init__(self, name: str = "firefox", answer: bool = True, fails: bool = False) -> None:
        self.name = name
        self.answer = answer
        self.fails = fails
        self.opened: list[tuple[str, int]] = []

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        if self.fails:
            raise OSError("exec format error")
        self.opened.append((url, new))
        return self.answer


class Browsers:
    """What `webbrowser.get()` finds in a test: one fake browser, or none at all."""

    def __init__(self) -> None:
        self.found: FakeBrowser | None = FakeBrowser()

    def get(self, using: str | None = None) -> FakeBrowser:
        if self.found is None:
            raise webbrowser.Error("could not locate runnable browser")
        return self.found


@pytest.fixture(autouse=True)
def browsers(monkeypatch: pytest.MonkeyPatch) -> Browsers:
    found = Browsers()
    monkeypatch.setattr(webbrowser, "get", found.get)

    def never(*args: object, **kwargs: object) -> bool:
        raise AssertionError("a test tried to open a real browser")

    monkeypatch.setattr(webbrowser, "open", never)
    monkeypatch.setattr(NetinboxApp, "open_url", never)
    return found


def _with_address(ctx: Context, url: str) -> Context:
    add_invitation(ctx, "ana", first="Ana", last="Silva", profile_url=url)
    return ctx


def _messages(app: NetinboxApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def _press_o(app: NetinboxApp, pilot) -> None:
    await pilot.press("o")
    await app.workers.wait_for_complete()
    await pilot.pause()


# -- the decision, without the app ----------------------------------------------------------------


def test_a_graphical_browser_gets_the_address_in_a_new_tab(browsers: Browsers) -> None:
    assert browser.open_in_browser(CANONICAL) is True
    assert browsers.found.opened == [(CANONICAL, 2)]


def test_no_registered_browser_is_no_browser(browsers: Browsers) -> None:
    browsers.found = None
    assert browser.open_in_browser(CANONICAL) is False


@pytest.mark.parametrize("name", ["lynx", "/usr/bin/w3m", "www-browser", "elinks"])
def test_a_browser_that_draws_in_the_terminal_is_not_started(browsers: Browsers, name: str) -> None:
    browsers.found = FakeBrowser(name)
    assert browser.open_in_browser(CANONICAL) is False
    assert browsers.found.opened == []


def test_a_browser_that_refuses_or_cannot_start_is_no_browser(browsers: Browsers) -> None:
    browsers.found = FakeBrowser(answer=False)
    assert browser.open_in_browser(CANONICAL) is False
    browsers.found = FakeBrowser(fails=True)
    assert browser.open_in_browser(CANONICAL) is False


@pytest.mark.parametrize(
    "environment",
    [{}, {"BROWSER": "no-such-command"}, {"BROWSER": '"unclosed %s'}, {"TERM": "xterm"}],
    ids=["nothing", "missing-command", "bad-quoting", "terminal-with-lynx"],
)
def test_without_a_usable_browser_the_real_webbrowser_module_answers_no(
    tmp_path: Path, environment: dict[str, str]
) -> None:
    """The real `webbrowser`, in a fresh interpreter (it builds its registry once per process),
    with no display and on PATH only a `lynx` that records being started."""
    lynx = tmp_path / "lynx"
    lynx.write_text(f"#!/bin/sh\ntouch {tmp_path / 'started'}\n", encoding="utf-8")
    lynx.chmod(0o755)
    env = {"PATH": str(tmp_path), "HOME": str(tmp_path), "PYTHONPATH": os.pathsep.join(sys.path)}
    code = "from netinbox.ui.browser import open_in_browser; print(open_in_browser('x'))"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env | environment, capture_output=True, text=True
    )
    assert (result.returncode, result.stdout.strip()) == (0, "False"), result.stderr
    assert not (tmp_path / "started").exists()


# -- `o` in the app --------------------------------------------------------------------------------


async def test_o_opens_the_address_rebuilt_from_the_slug(ctx: Context, browsers: Browsers) -> None:
    # As an older netinbox stored it: the export's own spelling, with a tracking query.
    _with_address(ctx, "http://de.linkedin.com/in/Ana-Silva?trk=people-guest")
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await _press_o(app, pilot)
        assert browsers.found.opened == [(CANONICAL, 2)]
        assert f"Opened {CANONICAL}" in _messages(app)


@pytest.mark.parametrize(
    "stored",
    [
        HOSTILE,
        "https://www.linkedin.com.evil.example/in/ana-silva",
        "https://user:pw@www.linkedin.com/in/ana-silva",
        "https://www.linkedin.com/in/[@click=app.quit]x[/]",
    ],
)
async def test_o_does_not_open_an_address_that_does_not_parse_and_shows_it_literally(
    ctx: Context, browsers: Browsers, stored: str
) -> None:
    _with_address(ctx, stored)
    app = make_app(ctx)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await _press_o(app, pilot)
        assert browsers.found.opened == []
        (message,) = _messages(app)
        assert message.startswith(f"Not opened: {stored}\n")
        assert "not a LinkedIn profile address" in message
        assert app.return_code is None  # the [@click=app.quit] was text, not markup
        assert stored in screen_text(app)  # on the screen, character for character


async def test_with_no_browser_o_shows_the_address(ctx: Context, browsers: Browsers) -> None:
    browsers.found = None
    _with_address(ctx, "https://www.linkedin.com/in/ana-silva")
    app = make_app(ctx)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await _press_o(app, pilot)
        (message,) = _messages(app)
        assert message == f"No browser could be started from here. The profile is at {CANONICAL}"
        assert CANONICAL in screen_text(app)


async def test_served_to_a_browser_o_hands_the_rebuilt_address_to_textual(
    ctx: Context, monkeypatch: pytest.MonkeyPatch, browsers: Browsers
) -> None:
    _with_address(ctx, "https://www.linkedin.com/in/Ana-Silva/details/experience/")
    handed: list[str] = []
    monkeypatch.setattr(NetinboxApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(NetinboxApp, "open_url", lambda self, url, **kw: handed.append(url))
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await _press_o(app, pilot)
        assert handed == [CANONICAL]
        assert browsers.found.opened == []


async def test_o_without_an_address_says_so(ctx: Context, browsers: Browsers) -> None:
    _with_address(ctx, "")
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await _press_o(app, pilot)
        assert _messages(app) == ["No profile address for this person"]
        assert browsers.found.opened == []
