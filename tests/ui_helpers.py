"""Helpers for Pilot tests: build the app on a context and read what the screen shows."""

from __future__ import annotations

from textual.app import App

from netinbox.services import Context
from netinbox.ui.app import NetinboxApp


def make_app(ctx: Context, **kwargs) -> NetinboxApp:
    return NetinboxApp(ctx, cursor_blink=False, **kwargs)


def screen_text(app: App) -> str:
    """The characters on the active screen, one line per row, as a person would read them."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def status_text(app: App) -> str:
    """What the screen's status line says (the last thing done, or why a key did nothing)."""
    from netinbox.ui.widgets.bars import StatusLine

    return str(app.screen.query_one(StatusLine).render())


def card_text(app: App) -> str:
    from netinbox.ui.widgets import PersonCard

    return app.screen.query_one(PersonCard).shown
