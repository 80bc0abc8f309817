"""Persistence: the only package that knows about TinyDB."""

from netinbox.store.errors import DatabaseDamaged, StoreError
from netinbox.store.lock import DatabaseLocked
from netinbox.store.migrations import SCHEMA_VERSION
from netinbox.store.recovery import DatabaseSetAside, plan_recovery, recover, recover_locked
from netinbox.store.store import Store

__all__ = [
    "SCHEMA_VERSION",
    "DatabaseDamaged",
    "DatabaseLocked",
    "DatabaseSetAside",
    "Store",
    "StoreError",
    "plan_recovery",
    "recover",
    "recover_locked",
]
