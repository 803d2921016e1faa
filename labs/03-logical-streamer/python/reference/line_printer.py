"""Where the lines go: standard output, the "sink" of this lab.

``print`` returns once the line has been handed to the operating system (flushed: under the
grader stdout is a pipe, and a line sitting in Python's buffer has not been printed), so that
the caller may confirm it afterwards.

--print-delay makes the sink slow on purpose (a teaching and testing aid): it widens the window
between receiving a change and having printed it, which is the window in which a premature
confirmation loses data.
"""

from __future__ import annotations

import sys
import time
from typing import Callable, TextIO


class LinePrinter:
    def __init__(self, out: TextIO | None = None, delay_seconds: float = 0.0, wait: Callable[[float], None] = time.sleep) -> None:
        self._out = out if out is not None else sys.stdout
        self._delay_seconds = delay_seconds
        # How to spend the delay: the streamer passes ReplicationStream.idle, which keeps the
        # connection talking meanwhile.
        self._wait = wait

    def print(self, line: str) -> None:
        if self._delay_seconds > 0:
            self._wait(self._delay_seconds)
        self._out.write(line + "\n")
        self._out.flush()
