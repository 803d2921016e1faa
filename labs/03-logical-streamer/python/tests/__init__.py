"""Unit tests of the Python streamer's pure parts (no database): run them with

    .venv/bin/python -m unittest discover -s labs/03-logical-streamer/python/tests -t labs/03-logical-streamer/python

They import the reference's modules, the way the reference's main.py does: its folder goes on
the import path. The stream is tested against a stand-in for psycopg2's ReplicationCursor.
"""

import sys
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent.parent / "reference"
if str(REFERENCE) not in sys.path:
    sys.path.insert(0, str(REFERENCE))
