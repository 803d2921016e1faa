"""Timers for a single-threaded loop: things to do later, run when the loop next looks.

The bridge has one thread. Its loop (and every wait for Kafka) calls run_due() often, so a
timer fires within a few tens of milliseconds of its time, without a thread of its own.
"""

from __future__ import annotations

import heapq
import itertools
import time
from typing import Callable


class Timers:
    def __init__(self) -> None:
        self._queue: list[tuple[float, int, Callable[[], None]]] = []
        self._order = itertools.count()

    def later(self, seconds: float, action: Callable[[], None]) -> None:
        heapq.heappush(self._queue, (time.monotonic() + seconds, next(self._order), action))

    def run_due(self) -> None:
        now = time.monotonic()
        while self._queue and self._queue[0][0] <= now:
            _, _, action = heapq.heappop(self._queue)
            action()

    def cancel_all(self) -> None:
        self._queue.clear()
