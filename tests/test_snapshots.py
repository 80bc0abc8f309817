"""SVG snapshots of the main screens, on the demo data with a frozen clock and a fixed size.

Update them after an intended visual change with `python -m pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from netinbox.services import Context
from tests.ui_helpers import make_app


def test_inbox_120x40(demo_ctx: Context, snap_compare) -> None:
    assert snap_compare(make_app(demo_ctx), terminal_size=(120, 40))


def test_inbox_80x24(demo_ctx: Context, snap_compare) -> None:
    assert snap_compare(make_app(demo_ctx), terminal_size=(80, 24))


def test_inbox_160x45_notes_pane(demo_ctx: Context, snap_compare) -> None:
    assert snap_compare(make_app(demo_ctx), terminal_size=(160, 45), press=["tab", "j", "j"])


def test_draft_editor(demo_ctx: Context, snap_compare) -> None:
    # Accept the first invitation, go to its thank-you note and open the editor.
    assert snap_compare(make_app(demo_ctx), terminal_size=(120, 40), press=["a", "tab", "r"])


def test_help_screen(demo_ctx: Context, snap_compare) -> None:
    assert snap_compare(make_app(demo_ctx), terminal_size=(100, 30), press=["question_mark"])


def test_never_responded_120x40(demo_ctx: Context, snap_compare) -> None:
    assert snap_compare(make_app(demo_ctx), terminal_size=(120, 40), press=["2"])


def test_never_responded_80x24(demo_ctx: Context, snap_compare) -> None:
    assert snap_compare(make_app(demo_ctx), terminal_size=(80, 24), press=["2"])


def test_never_responded_filtered_with_a_selection(demo_ctx: Context, snap_compare) -> None:
    assert snap_compare(
        make_app(demo_ctx), terminal_size=(120, 40), press=["2", "P", "space", "space"]
    )


def test_conversations_120x40(demo_ctx: Context, snap_compare) -> None:
    assert snap_compare(make_app(demo_ctx), terminal_size=(120, 40), press=["3"])


def test_conversations_80x24(demo_ctx: Context, snap_compare) -> None:
    assert snap_compare(make_app(demo_ctx), terminal_size=(80, 24), press=["3"])


def test_snooze_dialog_shows_the_resolved_date(demo_ctx: Context, snap_compare) -> None:
    keys = ["3", "z", *"next monday"]
    assert snap_compare(make_app(demo_ctx), terminal_size=(100, 30), press=keys)
