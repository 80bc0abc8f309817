"""Keeping Python's cycle collector from freezing the screen.

A full collection walks every live object while holding the interpreter lock, so it stops the UI
thread too: with a heavy user's database loaded and a rescreen building a few hundred thousand
objects, one pass takes up to a second. So long jobs run with collection paused (they make no
reference cycles worth the name: their garbage is freed by reference counting as they go), and what
is still alive when they end (the store's caches, the session's indexes) is frozen out of later
collections, as the start-up data is once the app is up.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_paused = 0


def freeze_long_lived() -> None:
    """Move every object alive now out of reach of future collections (start-up data, indexes)."""
    gc.freeze()


def release_frozen() -> None:
    """The long-lived data is being replaced (a store reopened): let collections reach it again,
    or the old copy would never be freed."""
    gc.unfreeze()


@contextmanager
def collection_paused() -> Iterator[None]:
    """No cycle collection while the block runs (nested or concurrent blocks are counted); what
    outlives the block is frozen when the last one ends."""
    global _paused
    with _lock:
        _paused += 1
        if _paused == 1:
            gc.disable()
    try:
        yield
    finally:
        with _lock:
            _paused -= 1
            if _paused == 0:
                gc.freeze()
                gc.enable()
