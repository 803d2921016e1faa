"""Lab 1 — the poller, in Python.

`pnpm lab 1 --lang python` runs this file: it polls poller.users by updated_at, prints what
changed, and keeps its bookmark in $CDC_STATE_DIR. Read docs/01-poller.md beside it.
"""

from __future__ import annotations

import os
import sys

from cdc_lab import run_main

from poller import run_poller
from settings import USAGE, read_settings


def main() -> None:
    settings = read_settings(sys.argv[1:], os.environ)
    if settings == "help":
        print(USAGE, flush=True)
        return
    run_poller(settings)


if __name__ == "__main__":
    run_main(main)
