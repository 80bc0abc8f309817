"""A TinyDB storage that never leaves a half-written file and batches a transaction into one write.

Stock `JSONStorage` rewrites the file in place: a crash mid-write leaves it truncated. Here every
commit goes to a temporary file in the same folder, is fsynced, then atomically replaces the
database (and the folder entry is fsynced), so the file on disk is always the old state or the new
one. The parsed data stays in memory: reads cost nothing, and TinyDB's many small `write()` calls
inside one user action are folded into a single durable commit.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from netinbox.store.errors import StoreError


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # some platforms cannot open directories; the replace is still atomic
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_json(path: Path, data: Any) -> None:
    """Write `data` as JSON to `path` so that readers see the old file or the new one, never a mix."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(path.parent)


class AtomicJSONStorage(Storage):
    """JSON file storage with in-memory reads, atomic durable writes and explicit transactions."""

    def __init__(self, path: str | os.PathLike[str], create: bool = True) -> None:
        self.path = Path(path)
        self._data: dict[str, Any] | None = None
        self._depth = 0
        self._dirty = False
        self._create = create
        self._load()

    def _load(self) -> None:
        if not self.path.exists():
            if not self._create:
                raise StoreError(f"{self.path}: no such database")
            self._data = {}
            return
        try:
            raw = self.path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise StoreError(
                f"{self.path} is not a netinbox database (not UTF-8 text at byte {exc.start}). "
                "It was left untouched; use --db to choose another file."
            ) from exc
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot read the database ({exc.strerror}).") from exc
        if not raw.strip():
            self._data = {}
            return
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise StoreError(
                f"{self.path} is damaged (line {exc.lineno}, column {exc.colno}: {exc.msg}). "
                "It was left untouched; move it aside or use --db to open another file."
            ) from exc
        if not isinstance(data, dict):
            raise StoreError(
                f"{self.path} is not a netinbox database (expected a JSON object of tables). "
                "It was left untouched; use --db to choose another file."
            )
        self._data = data

    # -- TinyDB's Storage interface --

    def read(self) -> dict[str, Any] | None:
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        self._data = data
        self._dirty = True
        if self._depth == 0:
            self._flush()

    def close(self) -> None:
        pass

    # -- transactions --

    def begin(self) -> None:
        self._depth += 1

    def commit(self) -> None:
        self._depth -= 1
        if self._depth == 0 and self._dirty:
            self._flush()

    def rollback(self) -> None:
        """Forget everything since `begin`: the file on disk is the last committed state."""
        self._depth = 0
        self._dirty = False
        self._load()

    def _flush(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            atomic_write_json(self.path, self._data)
        except (OSError, ValueError, TypeError) as exc:
            # Memory must not run ahead of the disk: what the user sees is what is saved.
            self._dirty = False
            self._load()
            raise StoreError(f"{self.path}: could not save ({exc}). Nothing was changed.") from exc
        self._dirty = False
