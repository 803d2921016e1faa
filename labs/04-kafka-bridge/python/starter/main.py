"""The reference program, run with your exercise modules in place of its own.

This folder comes first on sys.path and the reference's folder after it, so every module you
have here (tuple_data.py, row_key.py, …) is the one the program imports, and every other module
is the reference's own, unchanged (see docs/04-kafka-bridge.md#in-python).
"""

from cdc_lab.starter import run_starter

if __name__ == "__main__":
    run_starter(__file__)
