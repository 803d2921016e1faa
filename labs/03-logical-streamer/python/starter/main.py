"""Lab 3 — the logical streamer, in Python: the starter.

The reference program, run with your exercise modules in place of its own. This folder comes
first on the import path and ../reference right after it, so ``import stream`` finds your
stream.py, and every module that is not here (listen.py, errors.py, status.py, ...) is the
reference's own, unchanged. The files here are the ones you write: connection.py, slot.py,
stream.py and print_transactions.py.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REFERENCE = HERE.parent / "reference"

# Python puts the script's folder first on sys.path; make sure of it, then put the reference's
# folder right after it, so that a module found here shadows its twin there.
if not sys.path or Path(sys.path[0]).resolve() != HERE:
    sys.path.insert(0, str(HERE))
sys.path.insert(1, str(REFERENCE))

runpy.run_path(str(REFERENCE / "main.py"), run_name="__main__")
