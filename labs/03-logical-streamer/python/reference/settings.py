"""The command line: stream (the default), status or drop, with the stream's flags."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from cdc_lab import ConfigurationError

from stream import DEFAULT_STATUS_INTERVAL_SECONDS

DEFAULT_SLOT = "cdc_lab_03"

USAGE = f"""usage: pnpm lab 3 --lang python [stream] [--status-interval <ms>] [--no-confirm] [--print-delay <ms>] [--confirm-idle]
       pnpm lab 3 --lang python status
       pnpm lab 3 --lang python drop

  stream (default)         create the slot if it is missing, then print every change as
                           test_decoding writes it; Ctrl-C stops cleanly
  status                   show the slot: active or not, its positions, the WAL it holds back
  drop                     drop the slot (refused while a streamer reads it)

  --status-interval <ms>   how often to report the confirmed position unasked (default {int(DEFAULT_STATUS_INTERVAL_SECONDS * 1000)})
  --no-confirm             print, but never confirm: every transaction comes back next time
  --print-delay <ms>       wait this long before printing each line, like a slow sink

  --confirm-idle           when caught up, confirm the position keepalives bring as well
                           (psycopg2 does this on its own, with or without the flag)

  --no-confirm and --print-delay are teaching and testing aids: they open the window in which
  a crash shows whether the program confirms only what it has printed.

environment: DATABASE_URL (required), CDC_SLOT (default {DEFAULT_SLOT})"""


@dataclass(frozen=True)
class HelpCommand:
    pass


@dataclass(frozen=True)
class StreamCommand:
    connection_string: str
    slot: str
    status_interval_ms: int
    confirm: bool
    print_delay_ms: int
    confirm_idle: bool


@dataclass(frozen=True)
class StatusCommand:
    connection_string: str
    slot: str


@dataclass(frozen=True)
class DropCommand:
    connection_string: str
    slot: str


Command = HelpCommand | StreamCommand | StatusCommand | DropCommand

_VALUE_FLAGS = ("--status-interval", "--print-delay")
_SWITCHES = ("--no-confirm", "--confirm-idle")


def parse_command(argv: Sequence[str], env: Mapping[str, str]) -> Command:
    values, switches, positionals = _split(argv)
    if "--help" in switches:
        return HelpCommand()
    if len(positionals) > 1:
        raise ConfigurationError(f"one command at a time, not {' '.join(positionals)}", USAGE)
    name = positionals[0] if positionals else "stream"
    slot = slot_name((env.get("CDC_SLOT") or "").strip() or DEFAULT_SLOT, "CDC_SLOT")

    if name == "stream":
        if "--confirm-idle" in switches and "--no-confirm" in switches:
            raise ConfigurationError(
                "--confirm-idle and --no-confirm contradict each other",
                "confirming nothing leaves nothing to be caught up with: choose one",
            )
        print_delay = values.get("--print-delay")
        return StreamCommand(
            connection_string=database_url(env),
            slot=slot,
            status_interval_ms=positive_integer("--status-interval", values.get("--status-interval"), int(DEFAULT_STATUS_INTERVAL_SECONDS * 1000)),
            confirm="--no-confirm" not in switches,
            print_delay_ms=0 if print_delay == "0" else positive_integer("--print-delay", print_delay, 0),
            confirm_idle="--confirm-idle" in switches,
        )
    if name in ("status", "drop"):
        misplaced = next((flag for flag in (*_VALUE_FLAGS, *_SWITCHES) if flag in values or flag in switches), None)
        if misplaced:
            raise ConfigurationError(f"{misplaced} belongs to the stream command, not {name}", USAGE)
        url = database_url(env)
        return StatusCommand(url, slot) if name == "status" else DropCommand(url, slot)
    raise ConfigurationError(f'unknown command "{name}"', USAGE)


def _split(argv: Sequence[str]) -> tuple[dict[str, str], set[str], list[str]]:
    """Flags with a value (``--x 5`` or ``--x=5``), switches, and the rest."""
    values: dict[str, str] = {}
    switches: set[str] = set()
    positionals: list[str] = []
    words = list(argv)
    while words:
        word = words.pop(0)
        flag, equals, inline = word.partition("=")
        if word in ("-h", "--help"):
            switches.add("--help")
        elif flag in _VALUE_FLAGS:
            if equals:
                values[flag] = inline
            elif words:
                values[flag] = words.pop(0)
            else:
                raise ConfigurationError(f"option '{flag} <value>' argument missing", USAGE)
        elif word in _SWITCHES:
            switches.add(word)
        elif word.startswith("-"):
            raise ConfigurationError(f"unknown option '{word}'", USAGE)
        else:
            positionals.append(word)
    return values, switches, positionals


def database_url(env: Mapping[str, str]) -> str:
    url = (env.get("DATABASE_URL") or "").strip()
    if not url:
        raise ConfigurationError(
            "DATABASE_URL is not set",
            'run the lab with `pnpm lab N` (it starts Postgres), or eval "$(pnpm -s stack env)" first',
        )
    if not re.match(r"^postgres(ql)?://", url):
        raise ConfigurationError("DATABASE_URL is not a postgres:// URL", "use the form postgres://user:password@host:5432/database")
    return url


def positive_integer(name: str, value: str | None, fallback: int) -> int:
    if value is None or value == "":
        return fallback
    if not re.fullmatch(r"[0-9]+", value) or int(value) <= 0:
        raise ConfigurationError(f'{name} must be a positive whole number, not "{value}"')
    return int(value)


def slot_name(name: str, source: str) -> str:
    """A name Postgres accepts for a slot, checked up front so that the error names the setting."""
    if not re.fullmatch(r"[a-z0-9_]{1,63}", name):
        raise ConfigurationError(
            f'{source}="{name}" is not a valid slot name',
            "slot names use only lower-case letters, digits and underscores, up to 63 characters",
        )
    return name
