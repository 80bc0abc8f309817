"""Reply templates: the shipped ones, the user's templates.toml, variables, and the choice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netinbox.config import DEFAULT_TEMPLATES, TEMPLATE_VARIABLES, ConfigError, Settings
from netinbox.model import Person, Reply, ReplyKind
from netinbox.services import ActionError, Context, triage
from netinbox.services.drafting import placeholders
from netinbox.services.templates import choose_template, draft_from_template, template_text
from tests.conversation_helpers import put_mark
from tests.factories import add_invitation, add_person, add_sent_note

SHIPPED = ("thank-you", "pitch-reply", "follow-up", "no-reply-nudge", "decline-note")


def test_the_shipped_templates_are_there_and_the_old_names_still_work() -> None:
    assert set(SHIPPED) | {"thank-you-short", "coffee", "blank"} <= set(Settings().templates)


def test_the_drafting_fills_exactly_the_variables_a_template_may_name() -> None:
    assert set(placeholders(Person("p"), "Robin")) == set(TEMPLATE_VARIABLES)


def test_shipped_templates_load_cleanly_and_nudges_never_thank_for_a_reply() -> None:
    for name in ("no-reply-nudge", "follow-up", "decline-note", "pitch-reply"):
        assert "your reply" not in DEFAULT_TEMPLATES[name]
    assert "profile" in DEFAULT_TEMPLATES["pitch-reply"]
    assert "posts" in DEFAULT_TEMPLATES["pitch-reply"]


def test_templates_toml_overrides_and_extends(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('[templates]\ncoffee = "Coffee, {first_name}?"\n')
    (tmp_path / "templates.toml").write_text(
        'follow-up = "Hi {first_name}, about {their_note}"\nintro = """\nHi {first_name},\n"""\n'
    )
    settings = Settings.load(tmp_path / "config.toml")
    assert settings.templates["follow-up"] == "Hi {first_name}, about {their_note}"
    assert settings.templates["intro"] == "Hi {first_name},\n"
    assert settings.templates["coffee"] == "Coffee, {first_name}?"
    assert settings.templates["thank-you"] == DEFAULT_TEMPLATES["thank-you"]


def test_templates_toml_is_read_without_a_config_toml(tmp_path: Path) -> None:
    (tmp_path / "templates.toml").write_text('intro = "Hi {first_name}"\n')
    assert Settings.load(tmp_path / "config.toml").templates["intro"] == "Hi {first_name}"


def test_an_unknown_variable_names_the_file_template_and_line(tmp_path: Path) -> None:
    (tmp_path / "templates.toml").write_text(
        '# mine\nintro = "Hi {first_name}"\nfollow-up = """\nHi {firstname},\n"""\n'
    )
    with pytest.raises(ConfigError) as caught:
        Settings.load(tmp_path / "config.toml")
    message = str(caught.value)
    assert "templates.toml: template 'follow-up', line 4: unknown variable {firstname}" in message
    assert "known: {first_name}, " in message and "{their_note}" in message
    assert "\n" not in message


def test_an_unknown_variable_in_config_toml_is_found_in_its_templates_table(
    tmp_path: Path,
) -> None:
    (tmp_path / "config.toml").write_text(
        'owner_first_name = "Robin"\n\n[templates]\nnudge = "Hi {first_name} at {Company}"\n'
    )
    with pytest.raises(ConfigError, match=r"config.toml: template 'nudge', line 4: .*\{Company\}"):
        Settings.load(tmp_path / "config.toml")


def test_a_template_that_is_not_text_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "templates.toml").write_text("intro = 3\n")
    with pytest.raises(ConfigError, match="template 'intro' must be text"):
        Settings.load(tmp_path / "config.toml")


def test_a_broken_templates_toml_says_which_file(tmp_path: Path) -> None:
    (tmp_path / "templates.toml").write_text("intro = \n")
    with pytest.raises(ConfigError, match=r"templates.toml: .*Fix or remove the file"):
        Settings.load(tmp_path / "config.toml")


def test_a_pending_invitation_judged_a_pitch_gets_the_decline_note(ctx: Context) -> None:
    from dataclasses import replace

    from netinbox.model import StoredVerdict
    from netinbox.services.context import change

    invitation = add_invitation(ctx, "p1")
    assert choose_template(ctx, ctx.store.person("p1")) == "blank"  # undecided, nothing against
    pitched = replace(invitation, verdict=StoredVerdict("pitch"))
    ctx.store.write_records([change(invitation, pitched)])
    assert choose_template(ctx, ctx.store.person("p1")) == "decline-note"


def test_an_unsent_note_gets_the_thank_you(ctx: Context) -> None:
    add_invitation(ctx, "p1")
    triage.accept(ctx, ["p1"])
    assert choose_template(ctx, ctx.store.person("p1")) == "thank-you"


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (None, "no-reply-nudge"),
        (Reply(ReplyKind.NONE), "no-reply-nudge"),
        (Reply(ReplyKind.CANNED, "Thanks for connecting!"), "no-reply-nudge"),
        (Reply(ReplyKind.PITCH, "Want more leads?"), "pitch-reply"),
        (Reply(ReplyKind.PERSONAL, "Loved your talk"), "follow-up"),
    ],
)
def test_after_the_note_the_template_follows_what_came_back(
    ctx: Context, reply: Reply | None, expected: str
) -> None:
    add_sent_note(ctx, "p1", reply=reply, first="Li", last="Wei")
    person = ctx.store.person("p1")
    assert choose_template(ctx, person) == expected
    if reply is None or reply.kind is not ReplyKind.PERSONAL:
        assert "reply" not in draft_from_template(ctx, person).casefold()


def test_a_marked_conversation_gets_the_follow_up_even_without_a_reply(ctx: Context) -> None:
    add_sent_note(ctx, "p1")
    put_mark(ctx, "p1")
    assert choose_template(ctx, ctx.store.person("p1")) == "follow-up"


def test_a_contact_with_no_history_gets_a_blank_greeting(ctx: Context) -> None:
    add_person(ctx, "p1")
    assert choose_template(ctx, ctx.store.person("p1")) == "blank"


def test_the_draft_fills_company_position_their_note_and_my_name(ctx: Context) -> None:
    ctx.settings.templates["t"] = "{first_name} {company} {position} '{their_note}' {my_first_name}"
    add_sent_note(
        ctx,
        "p1",
        reply=Reply(ReplyKind.PERSONAL, "Loved\nyour talk"),
        first="PRIYA",
        last="RAMAN",
        company="Acme",
        position="CTO",
    )
    text = draft_from_template(ctx, ctx.store.person("p1"), "t")
    assert text == "Priya Acme CTO 'Loved your talk' Robin"


def test_their_note_falls_back_to_the_invitation_note(ctx: Context) -> None:
    ctx.settings.templates["t"] = "re: {their_note}"
    add_invitation(ctx, "p1", note="We met at PyCon")
    assert draft_from_template(ctx, ctx.store.person("p1"), "t") == "re: We met at PyCon"


def test_an_unknown_template_name_lists_the_known_ones(ctx: Context) -> None:
    with pytest.raises(ActionError, match=r"no template named 'nope'; known: .*thank-you"):
        template_text(ctx, "nope")


def test_the_shipped_templates_pass_the_check_a_users_file_gets(tmp_path: Path) -> None:
    lines = [f"{name} = {json.dumps(text)}" for name, text in DEFAULT_TEMPLATES.items()]
    (tmp_path / "templates.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert Settings.load(tmp_path / "config.toml").templates == DEFAULT_TEMPLATES
