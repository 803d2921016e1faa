"""Unit tests of the Python bridge's pure parts: decoding, shaping, records, batching, confirming.

They import the reference program's modules. With CDC_LAB_PYTHON_TARGET=starter your exercise
modules come first, as when the starter runs:

    .venv/bin/python -m unittest discover -s labs/04-kafka-bridge/python/tests -t labs/04-kafka-bridge/python
    CDC_LAB_PYTHON_TARGET=starter .venv/bin/python -m unittest discover -s labs/04-kafka-bridge/python/tests -t labs/04-kafka-bridge/python
"""

import os
import sys

_PYTHON = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(_PYTHON, "reference"))
if os.environ.get("CDC_LAB_PYTHON_TARGET") == "starter":
    sys.path.insert(0, os.path.join(_PYTHON, "starter"))

# The frozen pgoutput capture the TypeScript tests use (test/fixtures/capture.ts made it, PostgreSQL 15).
FIXTURE = os.path.join(os.path.dirname(_PYTHON), "test", "fixtures", "pgoutput-pg15.json")
