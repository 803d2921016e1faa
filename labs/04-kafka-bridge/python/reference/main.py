"""Lab 4, the Kafka bridge, in Python: pnpm lab 4 --lang python [stream | tail] (settings.py has the flags)."""

import os
import sys

from cdc_lab import run_main

from program import main

if __name__ == "__main__":
    code = 0
    try:
        run_main(main)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    # Done, one way or another. librdkafka's threads may still be retrying a batch for a broker
    # that never answered: do not let them keep the process alive.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
