"""Schema versions. An older database is migrated on open, after a backup copy; a newer one is
refused (see Store._check_schema).

1: plain TinyDB JSON file, rewritten whole on every change (netinbox 0.1 before the journal).
2: snapshot + journal (engine.py); documents unchanged.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from netinbox.store.errors import StoreError
from netinbox.store.ownership import not_ours

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


def check_tables(path: Path, present: Iterable[str], known: Collection[str]) -> None:
    """A table netinbox does not know means the file is someone else's."""
    unknown = sorted(set(present) - set(known))
    if unknown:
        raise not_ours(path, f"unknown table {unknown[0]!r}")


def check_schema(store: Store, record_tables: Iterable[str]) -> None:
    """Refuse a database this netinbox cannot read faithfully; the file is left untouched."""
    version = store.meta("schema_version")
    if version is None:
        if any(store.count(name) for name in record_tables):
            raise StoreError(
                f"{store.path} has netinbox-like tables but no schema version; it was left "
                "untouched. Use --db to choose another file."
            )
        return  # a new, empty database: the version is written with the first commit
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise StoreError(
            f"{store.path} was written by a newer netinbox (schema {version}; this one reads "
            f"{SCHEMA_VERSION}). Upgrade netinbox; the file was left untouched."
        )
    if version < SCHEMA_VERSION and store.read_only:
        raise StoreError(
            f"{store.path} uses an older schema ({version}); open it once for writing "
            "(e.g. `netinbox`) to upgrade it, after a backup"
        )
