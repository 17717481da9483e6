"""The threads that encode candle answers: one per core this process may run on."""

from __future__ import annotations

import os
import threading
import time

from adapters.inbound.http.ohlcv.limits import available_cores, encoding_pool


def test_at_most_one_answer_per_core_is_encoded_at_once() -> None:
    pool = encoding_pool()
    cores = available_cores()
    started: list[str] = []
    lock, release = threading.Lock(), threading.Event()

    def encode() -> None:
        with lock:
            started.append(threading.current_thread().name)
        release.wait(30)

    futures = [pool.submit(encode) for _ in range(cores + 2)]
    deadline = time.monotonic() + 30
    while len(started) < cores and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.1)  # room for a thread the pool should not have to start
    running = list(started)
    release.set()
    for future in futures:
        future.result(timeout=30)
    pool.shutdown()

    assert len(running) == cores
    assert all(name.startswith("candle-encoder") for name in running)
    assert len(started) == cores + 2  # the others waited their turn, none was lost


def test_the_cores_are_counted_from_what_the_process_may_use() -> None:
    assert 1 <= available_cores() <= (os.cpu_count() or 1)
