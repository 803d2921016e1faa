"""The reference program, run with your exercise modules in place of its own.

This folder comes first on sys.path and the reference's folder after it, so every module you
have here (tuple_data.py, row_key.py, …) is the one the program imports, and every other module
is the reference's own, unchanged (see docs/04-kafka-bridge.md#in-python).
"""

import os
import runpy
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.normpath(os.path.join(HERE, "..", "reference"))

if __name__ == "__main__":
    # sys.path[0] is this folder already (Python puts the script's folder there).
    sys.path.insert(1, REFERENCE)
    runpy.run_path(os.path.join(REFERENCE, "main.py"), run_name="__main__")
