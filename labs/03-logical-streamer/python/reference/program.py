"""The whole program, from its arguments: stream (the default), status or drop."""

from __future__ import annotations

from typing import Mapping, Sequence

from drop import drop_slot
from listen import listen
from settings import USAGE, DropCommand, HelpCommand, StatusCommand, StreamCommand, parse_command
from status import show_status


def run_program(argv: Sequence[str], env: Mapping[str, str]) -> None:
    command = parse_command(argv, env)
    if isinstance(command, HelpCommand):
        print(USAGE, flush=True)
    elif isinstance(command, StatusCommand):
        show_status(command)
    elif isinstance(command, DropCommand):
        drop_slot(command)
    elif isinstance(command, StreamCommand):
        listen(command)
