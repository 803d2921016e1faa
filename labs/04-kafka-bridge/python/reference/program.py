"""The whole program, from its arguments: stream (the default) or tail."""

from __future__ import annotations

import sys

from bridge import run_bridge
from settings import HelpCommand, StreamCommand, USAGE, parse_command
from tail import tail_topics


def main() -> None:
    command = parse_command(sys.argv[1:])
    if isinstance(command, HelpCommand):
        print(USAGE, flush=True)
    elif isinstance(command, StreamCommand):
        run_bridge(command)
    else:
        tail_topics(command)
