"""The server-wide limits behind the pages (pages/store.py)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from pages import store

WAIT = 60


def test_no_more_decks_are_built_at_once_than_the_limit_and_the_others_wait_their_turn():
    running, most = 0, 0
    lock, release, started = threading.Lock(), threading.Event(), threading.Semaphore(0)

    def build(number: int) -> int:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        started.release()
        assert release.wait(WAIT)
        with lock:
            running -= 1
        return number

    clicks = store.MAX_CONCURRENT_BUILDS + 3
    with ThreadPoolExecutor(clicks) as pool:
        futures = [pool.submit(store.built_in_turn, build, number) for number in range(clicks)]
        for _ in range(store.MAX_CONCURRENT_BUILDS):
            assert started.acquire(timeout=WAIT)
        # One more would start at once if the limit did not hold; a second is ample.
        assert not started.acquire(timeout=1)
        release.set()
        assert [future.result(timeout=WAIT) for future in futures] == list(range(clicks))
    assert most == store.MAX_CONCURRENT_BUILDS
