"""Schema versions. An older database is migrated on open, after a backup copy; a newer one is
refused (see Store._check_schema).

1: plain TinyDB JSON file, rewritten whole on every change (netinbox 0.1 before the journal).
2: snapshot + journal (engine.py); documents unchanged.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netinbox.store.store import Store

SCHEMA_VERSION = 2


def _v1_to_v2(store: Store) -> None:
    # The documents stay as they are; only the file layout changes: plain JSON -> snapshot.
    store.compact()


MIGRATIONS: dict[int, Callable[[Store], None]] = {1: _v1_to_v2}


def migrate(store: Store) -> str | None:
    """Bring `store` up to SCHEMA_VERSION; returns the backup's path when it migrated."""
    version = store.meta("schema_version")
    if not isinstance(version, int) or version >= SCHEMA_VERSION:
        return None
    stamp = time.strftime("%Y%m%dT%H%M%S")
    backup = store.path.with_name(f"{store.path.name}.schema{version}-backup-{stamp}")
    shutil.copy2(store.path, backup)
    journal = store.storage.journal_path
    if journal.exists():
        shutil.copy2(journal, journal.with_name(f"{backup.name}.journal"))
    for step in range(version, SCHEMA_VERSION):
        MIGRATIONS[step](store)
    store.write_meta({"schema_version": SCHEMA_VERSION, "migrated_from": version})
    return str(backup)
