"""Lab 3 — the logical streamer, in Python.

`pnpm lab 3 --lang python [stream | status | drop]` runs this file (settings.py has the flags):
it streams every committed change of the database through a test_decoding slot, and confirms
each transaction only once it is printed. Read docs/03-logical-streamer.md beside it; the
modules, in reading order: listen.py, connection.py, slot.py, stream.py, print_transactions.py.
"""

from __future__ import annotations

import os
import sys

from cdc_lab import run_main

from program import run_program


def main() -> None:
    # test_decoding writes UTF-8, whatever the locale of the terminal says.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8", errors="replace")
    run_program(sys.argv[1:], os.environ)


if __name__ == "__main__":
    run_main(main)
