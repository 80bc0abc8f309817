"""The one source of "now".

Everything that needs the current time asks a `Clock`. Tests, demos and snapshots freeze it with
`NETINBOX_NOW` (or by passing a fixed time), so dates on screen and in output never drift.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime

from dateutil import tz

NOW_ENV = "NETINBOX_NOW"


class ClockError(ValueError):
    """A frozen time that cannot be understood."""


class Clock:
    """Tells the time: the real one, or a frozen instant."""

    def __init__(self, frozen: datetime | None = None, local_tz: tz.tzfile | None = None) -> None:
        if frozen is not None and frozen.tzinfo is None:
            raise ClockError("a frozen time needs a UTC offset, e.g. 2026-03-01T09:00:00+00:00")
        self._frozen = frozen
        # A frozen clock shows dates in its own offset so snapshots look the same on every machine.
        self.local_tz = local_tz or (frozen.tzinfo if frozen is not None else tz.tzlocal())

    def now(self) -> datetime:
        """The current instant, timezone-aware, in the user's local zone."""
        if self._frozen is not None:
            return self._frozen
        return datetime.now(UTC).astimezone(self.local_tz)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Clock:
        environ = os.environ if environ is None else environ
        raw = environ.get(NOW_ENV, "").strip()
        if not raw:
            return cls()
        try:
            frozen = datetime.fromisoformat(raw)
        except ValueError as exc:
            raise ClockError(
                f"{NOW_ENV}={raw!r} is not an ISO-8601 time (e.g. 2026-03-01T09:00:00+00:00)"
            ) from exc
        if frozen.tzinfo is None:
            raise ClockError(
                f"{NOW_ENV}={raw!r} needs a UTC offset, e.g. 2026-03-01T09:00:00+00:00"
            )
        return cls(frozen)
