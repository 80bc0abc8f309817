"""Persistence: the only package that knows about TinyDB."""

from netinbox.store.errors import StoreError
from netinbox.store.store import SCHEMA_VERSION, Store

__all__ = ["SCHEMA_VERSION", "Store", "StoreError"]
