"""Bringing in LinkedIn's data export (plain Python: no terminal, no TinyDB).

`import_export` reads the whole export first (archive.py → csvfiles.py → linkedin.py/resolve.py),
works out every change against the database (merge.py, thanks.py), and only then writes them all in
one atomic `write_records` call. If anything fails before that, the database is exactly as before.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from netinbox.importers.archive import DEFAULT_LIMITS, Limits, open_export
from netinbox.importers.errors import ImportFailed
from netinbox.importers.linkedin import parse_export
from netinbox.importers.merge import known_names, merge
from netinbox.importers.summary import ImportSummary
from netinbox.services.context import Context

# progress(stage, done, total): bytes read so far out of the export's total, then "Saving".
ProgressCallback = Callable[[str, int, int], None]

__all__ = ["ImportFailed", "ImportSummary", "ProgressCallback", "import_export"]


def import_export(
    ctx: Context,
    path: str | os.PathLike[str],
    progress: ProgressCallback | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportSummary:
    """Import the LinkedIn export at `path` (ZIP or folder) into `ctx.store`; all or nothing."""
    report = progress or (lambda stage, done, total: None)
    existing = {person.id: person for person in ctx.store.people()}
    with open_export(path, limits) as members:
        sizes = {member.name: member.size for member in members}
        total = max(sum(sizes.values()), 1)
        done: dict[str, int] = {}

        def on_file(name: str, count: int) -> None:
            done[name] = min(count, sizes.get(name, count))
            report(f"Reading {name}", sum(done.values()), total)

        report("Reading", 0, total)
        parsed = parse_export(members, known_names(existing), on_file)
    report("Comparing with your data", total, total)
    changes, meta, summary = merge(
        ctx, parsed, existing, lambda n: report(f"Screening {n:,} items", total, total)
    )
    del parsed
    if changes or meta:
        report("Saving", total, total)
        ctx.store.write_records(changes, meta=meta)
    report("Done", total, total)
    return summary
