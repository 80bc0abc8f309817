"""How long saving a paste takes on a heavy user's database.

    python benchmarks/paste_bench.py

Builds the heavy database with heavy_data.py (30,000 people, 12,000 invitations, 100,000
messages) in a temporary folder, then times, each on a freshly opened store: matching a pasted
profile of someone with a pending invitation (found among the pending ones, without reading
everyone), saving that profile (the match, the facts, the rescreen, one journal line), matching a
name no one has (looked up in the store's index of names, saved with the snapshot: no person is
read), saving the sample invitation manager (7 cards, new people), and building the index of names
from the records' text, as when a snapshot saved by an older netinbox lacks it. Each figure is the
median of 3 runs. Not run by pytest.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from heavy_data import build  # noqa: E402
from paste_samples import LIST_BUILDER, invitations  # noqa: E402

from netinbox.clock import Clock  # noqa: E402
from netinbox.config import Settings  # noqa: E402
from netinbox.paste.model import PasteResult  # noqa: E402
from netinbox.services import Context  # noqa: E402
from netinbox.services.paste import match_profile, save_paste  # noqa: E402
from netinbox.services.screening import prepare  # noqa: E402
from netinbox.store import Store  # noqa: E402

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _timed(source: Path, work: Callable[[Context], object]) -> float:
    runs = []
    for _ in range(3):
        folder = Path(tempfile.mkdtemp())
        try:
            for path in source.parent.iterdir():
                shutil.copy(path, folder / path.name)
            with Store(folder / source.name) as store:
                ctx = Context(store, Clock(NOW), Settings(owner_first_name="Robin"))
                start = time.perf_counter()
                work(ctx)
                runs.append(time.perf_counter() - start)
        finally:
            shutil.rmtree(folder)
    return statistics.median(runs) * 1000


def _names_from_records(ctx: Context) -> None:
    ctx.store._ix.reset()  # forget the saved maps: every index is built from the tables
    ctx.store.people_named("zebulon quartermaine oyelaran")


def main() -> None:
    prepare()  # the screening's rules, loaded once per process as the app does at start-up
    folder = Path(tempfile.mkdtemp())
    try:
        db = folder / "netinbox.json"
        build(db)
        with Store(db) as store:
            inviter = store.person(store.pending_invitations()[0].person_id)
        pasted = replace(LIST_BUILDER, name=inviter.name)
        nobody = replace(LIST_BUILDER, name="Zebulon Quartermaine-Oyelaran")
        figures = {
            "match a pending inviter's profile": lambda c: match_profile(c, pasted),
            "save that profile (one event)": lambda c: save_paste(
                c, PasteResult("profile", (pasted,)), c.store.pending_invitations()[0].person_id
            ),
            "match a name no one has (index of names)": lambda c: match_profile(c, nobody),
            "save the 7-card invitation manager": lambda c: save_paste(c, invitations(NOW)),
            "index 30,000 names from the records' text": _names_from_records,
        }
        for what, work in figures.items():
            print(f"{what}: {_timed(db, work):.0f} ms")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
