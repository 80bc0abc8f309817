"""Adding and editing by hand through the forms (`n`, `N`, `i`): a refused field is said and
everything typed stays; a saved one is one undoable action."""

from __future__ import annotations

from datetime import timedelta

from netinbox.services import Context
from netinbox.ui.dialogs.person_form import PersonForm
from tests.factories import add_invitation
from tests.ui_helpers import make_app, screen_text, status_text


def fill(app, **values: str) -> None:  # noqa: ANN001
    form = app.screen
    assert isinstance(form, PersonForm)
    for key, value in values.items():
        widget = form.query_one(f"#{key}")
        if hasattr(widget, "load_text"):
            widget.load_text(value)
        else:
            widget.value = value


async def test_n_adds_a_person_after_a_refused_field_is_fixed(ctx: Context) -> None:
    app = make_app(ctx)
    async with app.run_test(size=(120, 45)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        fill(app, name="Ines Rocha", connections="500+", experience="Engineer — Acme (2023–2019)")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)  # refused: the form stays, with what was typed
        assert "Experience" in screen_text(app) and "2019" in screen_text(app)
        assert ctx.store.count("people") == 0
        fill(app, experience="Engineer — Acme (2019–2023)")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PersonForm)
        (person,) = list(ctx.store.people())
        assert person.name == "Ines Rocha"
        assert person.connections == 500 and person.connections_at_least
        assert "(u to undo)" in status_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert ctx.store.count("people") == 0


async def test_N_adds_an_inviter_with_their_invitation(ctx: Context) -> None:
    app = make_app(ctx)
    async with app.run_test(size=(120, 45)) as pilot:
        await pilot.press("N")
        await pilot.pause()
        fill(app, name="Kai Berg", received="someday", note="Hi Robin, met you at the meetup")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        assert ctx.store.count("people") == 0  # a bad date adds nobody, not even the person
        fill(app, received="yesterday")
        await pilot.press("ctrl+s")
        await pilot.pause()
        (invitation,) = ctx.store.pending_invitations()
        assert invitation.note == "Hi Robin, met you at the meetup"
        assert invitation.received_at.date() == (ctx.now() - timedelta(days=1)).date()
        assert "Invitations (1)" in screen_text(app)


async def test_i_edits_the_highlighted_person_from_what_is_known(ctx: Context) -> None:
    add_invitation(ctx, "lea", first="Lea", last="Brun", headline="Designer", connections=500)
    app = make_app(ctx)
    async with app.run_test(size=(120, 45)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PersonForm)
        assert form.query_one("#name").value == "Lea Brun"
        assert form.query_one("#connections").value == "500"
        fill(app, headline="Design Lead at Quillon", followers="1,200")
        await pilot.press("ctrl+s")
        await pilot.pause()
    person = ctx.store.person("lea")
    assert person.headline == "Design Lead at Quillon" and person.followers == 1200


async def test_i_on_an_inviter_edits_their_invitation_too(ctx: Context) -> None:
    add_invitation(ctx, "lea", first="Lea", last="Brun", note="Hi", hours_ago=30)
    app = make_app(ctx)
    async with app.run_test(size=(120, 45)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#note").text == "Hi"
        assert form.query_one("#received").value == f"{ctx.now() - timedelta(hours=30):%Y-%m-%d}"
        await pilot.press("ctrl+s")  # nothing changed: said, nothing saved
        await pilot.pause()
        assert isinstance(app.screen, PersonForm) and "Nothing changed" in screen_text(app)
        fill(app, note="Hi Robin, we met at the guild")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PersonForm)
    assert ctx.store.pending_invitation("lea").note == "Hi Robin, we met at the guild"


async def test_editing_a_hostile_name_shows_it_literally(ctx: Context) -> None:
    from tests.factories import HOSTILE

    add_invitation(ctx, "h", first=HOSTILE["click"], last=HOSTILE["style"])
    app = make_app(ctx)
    async with app.run_test(size=(120, 45)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        assert "Edit [@click=app.quit]boom [bold red]x" in screen_text(app)
        assert app.is_running
