"""Run a lab program's main function the way the TypeScript labs do (runMain)."""

from __future__ import annotations

import sys
import traceback
from typing import Callable

from cdc_lab.errors import CdcLabError


def run_main(main: Callable[[], None]) -> None:
    """Call ``main`` and turn a CdcLabError into ``error:`` and ``hint:`` lines and exit code 1.

    Unexpected exceptions keep their traceback: they are bugs. A program that wants to stop
    cleanly on Ctrl-C creates a StopRequest; without one, Ctrl-C ends it with code 130. Every
    line must be flushed as it is written (``print(..., flush=True)``; the graders also run
    Python with ``-u``): a grader reading a pipe sees nothing that sits in a buffer.
    """
    try:
        main()
    except CdcLabError as error:
        print(f"error: {error.message}", file=sys.stderr, flush=True)
        if error.hint:
            print(f"hint: {error.hint}", file=sys.stderr, flush=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception:  # noqa: BLE001 - a bug: show where it happened
        traceback.print_exc()
        sys.exit(1)
