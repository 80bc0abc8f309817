"""Cycle collection is paused for long jobs, so a full pass never freezes the UI mid-job."""

from __future__ import annotations

import gc

from netinbox.services.memory import collection_paused, freeze_long_lived


def test_collection_is_paused_inside_and_back_after_even_when_nested() -> None:
    assert gc.isenabled()
    gc.unfreeze()
    with collection_paused():
        assert not gc.isenabled()
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer job is still running
        survivors = [[i] for i in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(survivors)  # what outlived the job is out of the way
    gc.unfreeze()


def test_collection_comes_back_when_the_job_fails() -> None:
    try:
        with collection_paused():
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert gc.isenabled()


def test_freezing_takes_what_lives_now_out_of_collection() -> None:
    gc.unfreeze()
    before = gc.get_freeze_count()
    keep = [[i] for i in range(1000)]
    freeze_long_lived()
    assert gc.get_freeze_count() >= before + len(keep)
    gc.unfreeze()


def test_released_data_can_be_collected_again() -> None:
    from netinbox.services.memory import release_frozen

    freeze_long_lived()
    assert gc.get_freeze_count() > 0
    release_frozen()
    assert gc.get_freeze_count() == 0
