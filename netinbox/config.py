"""User settings: defaults in code, overridable from `config.toml` in the user's config folder."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from netinbox.paths import user_config_dir

DEFAULT_TEMPLATES: dict[str, str] = {
    "thank-you": (
        "Hi {first_name}, thanks for the invitation, glad to be connected. "
        "What made you reach out? Always happy to hear what people are working on. {my_first_name}"
    ),
    "thank-you-short": "Thanks for connecting, {first_name}! {my_first_name}",
    "follow-up": ("Hi {first_name},\n\nthanks for your reply. \n\nBest,\n{my_first_name}"),
    "coffee": (
        "Hi {first_name},\n\nI enjoyed our exchange. Would you like to compare notes over a coffee "
        "or a short call in the next weeks?\n\nBest,\n{my_first_name}"
    ),
    "blank": "Hi {first_name},\n\n",
}


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
        path = path or user_config_dir() / "config.toml"
        settings = cls()
        if not path.exists():
            return settings
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
            raise ConfigError(f"{path}: {exc}. Fix or remove the file.") from exc
        known = {f.name for f in fields(cls)}
        for retired in RETIRED & data.keys():
            del data[retired]  # still accepted in old files, no longer meaning anything
        for key, value in data.items():
            if key not in known:
                raise ConfigError(
                    f"{path}: unknown setting {key!r} (known: {', '.join(sorted(known))})"
                )
            if key == "templates":
                if not isinstance(value, dict) or not all(
                    isinstance(v, str) for v in value.values()
                ):
                    raise ConfigError(f"{path}: [templates] must map names to text")
                settings.templates.update(value)
            elif not isinstance(value, type(getattr(settings, key))):
                raise ConfigError(
                    f"{path}: {key} must be a {type(getattr(settings, key)).__name__}"
                )
            else:
                setattr(settings, key, value)
        if settings.thank_you_template not in settings.templates:
            raise ConfigError(
                f"{path}: thank_you_template {settings.thank_you_template!r} is not a template"
            )
        return settings
