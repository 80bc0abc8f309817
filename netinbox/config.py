"""User settings: defaults in code, overridable from `config.toml` in the user's config folder."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from netinbox.paths import user_config_dir

DEFAULT_TEMPLATES: dict[str, str] = {
    "thank-you": (
        "Hi {first_name}, thanks for the invitation, glad to be connected. "
        "What made you reach out? Always happy to hear what people are working on. {my_first_name}"
    ),
    "pitch-reply": (
        "Hi {first_name},\n\nthanks for thinking of me. I am not looking for this at the moment. "
        "My profile and my posts say what I work on and care about; if something there speaks to "
        "you, I would be glad to hear your view on it.\n\nBest,\n{my_first_name}"
    ),
    # Only offered after a personal reply or for a marked conversation, never after silence.
    "follow-up": (
        "Hi {first_name},\n\nfollowing up on our conversation: \n\nBest,\n{my_first_name}"
    ),
    "no-reply-nudge": (
        "Hi {first_name},\n\njust a short hello in case my earlier note got lost. What are you "
        "working on these days?\n\nBest,\n{my_first_name}"
    ),
    "decline-note": (
        "Hi {first_name},\n\nthank you for the invitation. I keep my network to people I have "
        "worked or talked with, so I will not connect for now; if there is something specific, "
        "tell me here.\n\nBest,\n{my_first_name}"
    ),
    "thank-you-short": "Thanks for connecting, {first_name}! {my_first_name}",
    "coffee": (
        "Hi {first_name},\n\nI enjoyed our exchange. Would you like to compare notes over a coffee "
        "or a short call in the next weeks?\n\nBest,\n{my_first_name}"
    ),
    "blank": "Hi {first_name},\n\n",
}
# What a template may ask for; netinbox/services/drafting.py fills exactly these.
TEMPLATE_VARIABLES = (
    "first_name",
    "last_name",
    "name",
    "company",
    "position",
    "their_note",
    "my_first_name",
)
# Any word in braces is meant as a variable: "{FirstName}" is as much a typo as "{firstname}".
_VARIABLE = re.compile(r"\{(\w+)\}")
TEMPLATES_FILE = "templates.toml"


# Settings that older versions read. The Inbox once hid sent notes older than
# `waiting_window_days`; nothing is hidden for its age any more.
RETIRED = frozenset({"waiting_window_days"})


class ConfigError(ValueError):
    pass


@dataclass
class Settings:
    owner_first_name: str = ""
    thank_you_template: str = "thank-you"
    # A sent thank-you note with nothing recorded back joins the never-responded list (and is
    # "overdue" in the Inbox) once it has waited this many whole days: 6 days 23 hours is not 7.
    # A reply recorded as nothing, a pitch or a canned one is on that list whatever its age.
    # `netinbox list never-responded --days N` overrides it for one command.
    never_responded_days: int = 7
    # An imported message from the user counts as their thank-you note when it went out this many
    # days after connecting (or the day before: LinkedIn's Connected On has no time of day).
    thank_you_window_days: int = 3
    theme: str = "netinbox"
    templates: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_TEMPLATES))

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """config.toml, then templates.toml beside it (its templates override config.toml's)."""
        path = path or user_config_dir() / "config.toml"
        settings = cls()
        if path.exists():
            settings._apply(path, _read_toml(path))
        templates_path = path.with_name(TEMPLATES_FILE)
        if templates_path.exists():
            settings.templates.update(_templates(templates_path, _read_toml(templates_path), ""))
        if settings.thank_you_template not in settings.templates:
            raise ConfigError(
                f"{path}: thank_you_template {settings.thank_you_template!r} is not a template"
            )
        return settings

    def _apply(self, path: Path, data: dict) -> None:
        known = {f.name for f in fields(self)}
        for retired in RETIRED & data.keys():
            del data[retired]  # still accepted in old files, no longer meaning anything
        for key, value in data.items():
            if key not in known:
                raise ConfigError(
                    f"{path}: unknown setting {key!r} (known: {', '.join(sorted(known))})"
                )
            if key == "templates":
                if not isinstance(value, dict):
                    raise ConfigError(f"{path}: [templates] must map names to text")
                self.templates.update(_templates(path, value, "templates"))
            elif not isinstance(value, type(getattr(self, key))):
                raise ConfigError(f"{path}: {key} must be a {type(getattr(self, key)).__name__}")
            else:
                setattr(self, key, value)


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise ConfigError(f"{path}: {exc}. Fix or remove the file.") from exc


def _templates(path: Path, data: dict, table: str) -> dict[str, str]:
    """Templates as read from `path` (in its `table`, "" for the top level), every variable known:
    a typo is found when the file is read, not when a draft quietly keeps "{firstname}"."""
    where = f"[{table}]" if table else "each line"
    for name, text in data.items():
        if not isinstance(text, str):
            raise ConfigError(f'{path}: template {name!r} must be text ({where}: name = "text")')
        for variable in _VARIABLE.findall(text):
            if variable not in TEMPLATE_VARIABLES:
                line = _line_of(path, table, name, "{" + variable + "}")
                known = ", ".join("{" + v + "}" for v in TEMPLATE_VARIABLES)
                raise ConfigError(
                    f"{path}: template {name!r}, line {line}: unknown variable {{{variable}}}; "
                    f"known: {known}"
                )
    return dict(data)


def _line_of(path: Path, table: str, name: str, needle: str) -> int:
    """The line of `needle` in template `name`: found in the text, as tomllib keeps no lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    key = re.compile(rf"""\s*(?:{re.escape(name)}|"{re.escape(name)}"|'{re.escape(name)}')\s*=""")
    in_table = not table
    start = 0
    for number, line in enumerate(lines):
        if line.strip().startswith("["):
            in_table = line.strip().strip("[] ") == table
        elif in_table and key.match(line):
            start = number
            break
    return next((n + 1 for n in range(start, len(lines)) if needle in lines[n]), start + 1)
