"""Unit tests of the Python poller's pure parts (no database): run them with

    .venv/bin/python -m unittest discover -s labs/01-poller/python/tests -t labs/01-poller/python

They import the reference's modules, the way the reference's main.py does: its folder goes on
the import path.
"""

import sys
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent.parent / "reference"
if str(REFERENCE) not in sys.path:
    sys.path.insert(0, str(REFERENCE))
