"""Ctrl-C and SIGTERM as a request to stop cleanly, not an exception thrown mid-write."""

from __future__ import annotations

import signal
import time

# How often wait() looks at the flag. A signal handler may not take a lock (it runs between two
# bytecodes of the main thread, which may hold that very lock), so it only sets a flag.
_TICK_SECONDS = 0.05


class StopRequest:
    """Set when the user presses Ctrl-C (SIGINT) or a supervisor sends SIGTERM.

    A lab program's loop checks ``requested`` between units of work and sleeps with ``wait()``,
    so that it can save its position and close its connections before it exits with code 0.
    A second signal while it does so gives up at once (KeyboardInterrupt).
    """

    def __init__(self) -> None:
        self._requested = False
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._on_signal)

    @property
    def requested(self) -> bool:
        return self._requested

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; True as soon as a stop was requested."""
        deadline = time.monotonic() + seconds
        while not self._requested:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            time.sleep(min(remaining, _TICK_SECONDS))
        return True

    def _on_signal(self, _signum: int, _frame: object) -> None:
        if self._requested:
            raise KeyboardInterrupt
        self._requested = True
