"""Lab 1 — the poller, in Python: the starter.

The reference program, run with your exercise modules in place of its own. This folder comes
first on the import path and ../reference right after it, so ``import poll`` finds your
poll.py, and every module that is not here (poller.py, report.py, ...) is the reference's own,
unchanged. The files here are the ones you write.
"""

from cdc_lab.starter import run_starter

if __name__ == "__main__":
    run_starter(__file__)
