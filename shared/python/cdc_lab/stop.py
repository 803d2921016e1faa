"""Ctrl-C and SIGTERM as a request to stop cleanly, not an exception thrown mid-write."""

from __future__ import annotations

import signal
import threading


class StopRequest:
    """Set when the user presses Ctrl-C (SIGINT) or a supervisor sends SIGTERM.

    A lab program's loop checks ``requested`` between units of work and sleeps with ``wait()``,
    so that it can save its position and close its connections before it exits with code 0.
    A second signal while it does so gives up at once (KeyboardInterrupt).
    """

    def __init__(self) -> None:
        self._event = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._on_signal)

    @property
    def requested(self) -> bool:
        return self._event.is_set()

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; True as soon as a stop was requested."""
        return self._event.wait(seconds)

    def _on_signal(self, _signum: int, _frame: object) -> None:
        if self._event.is_set():
            raise KeyboardInterrupt
        self._event.set()
