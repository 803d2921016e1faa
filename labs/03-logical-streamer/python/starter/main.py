"""Lab 3 — the logical streamer, in Python: the starter.

The reference program, run with your exercise modules in place of its own. This folder comes
first on the import path and ../reference right after it, so ``import stream`` finds your
stream.py, and every module that is not here (listen.py, errors.py, status.py, ...) is the
reference's own, unchanged. The files here are the ones you write: connection.py, slot.py,
stream.py and print_transactions.py.
"""

from cdc_lab.starter import run_starter

if __name__ == "__main__":
    run_starter(__file__)
