"""Flags, environment variables and defaults: flags win over variables, which win over defaults."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Mapping, NoReturn

from cdc_lab import ConfigurationError

from bookmark import BOOKMARK_MODES, BookmarkMode


@dataclass(frozen=True)
class Settings:
    database_url: str
    # Pause between the end of one poll and the start of the next.
    interval_ms: int
    mode: BookmarkMode
    # Safety lag: rows are only read once their updated_at is this old.
    lag_ms: int
    # Rows per query; a poll reads pages until one comes back short.
    batch_size: int
    state_file: Path


USAGE = """usage: pnpm lab 1 --lang python [--interval <ms>] [--bookmark keyset|naive] [--lag <ms>] [--batch-size <n>]

Polls poller.users for rows whose updated_at moved past its bookmark, and prints them.
Creates the table (with its updated_at trigger) when it is missing. Ctrl-C stops it.

  --interval <ms>        pause between polls (CDC_POLL_INTERVAL_MS, default 5000)
  --bookmark <mode>      keyset: (updated_at, id) > bookmark; naive: updated_at > bookmark
                         (CDC_POLL_BOOKMARK, default keyset)
  --lag <ms>             only read rows at least this old, so late commits are not skipped
                         (CDC_POLL_LAG_MS, default 0)
  --batch-size <n>       rows per query (CDC_POLL_BATCH_SIZE, default 100)

The bookmark is kept in $CDC_STATE_DIR/bookmark.state.json (default .cdc-lab/labs/01)."""

_HELP = "`pnpm lab 1 --lang python --help` lists the options"

DEFAULT_INTERVAL_MS = 5_000
DEFAULT_MODE: BookmarkMode = "keyset"
DEFAULT_LAG_MS = 0
DEFAULT_BATCH_SIZE = 100
DEFAULT_STATE_DIR = ".cdc-lab/labs/01"

# The same bounds as the TypeScript poller: a day is more than any poller needs.
_A_DAY_MS = 86_400_000


class _FlagParser(argparse.ArgumentParser):
    """argparse, but a mistake is a ConfigurationError (error:/hint:, exit code 1), not exit 2."""

    def error(self, message: str) -> NoReturn:
        raise ConfigurationError(message, hint=_HELP)


def _parse_flags(argv: list[str]) -> argparse.Namespace:
    parser = _FlagParser(prog="pnpm lab 1 --lang python", add_help=False, allow_abbrev=False)
    parser.add_argument("--interval")
    parser.add_argument("--bookmark")
    parser.add_argument("--lag")
    parser.add_argument("--batch-size", dest="batch_size")
    parser.add_argument("-h", "--help", action="store_true")
    return parser.parse_args(argv)


def read_settings(argv: list[str], env: Mapping[str, str]) -> Settings | Literal["help"]:
    flags = _parse_flags(argv)
    if flags.help:
        return "help"
    return Settings(
        database_url=database_url(env),
        interval_ms=_whole_number("--interval", _first(flags.interval, env.get("CDC_POLL_INTERVAL_MS")), DEFAULT_INTERVAL_MS, 1, _A_DAY_MS),
        mode=_bookmark_mode(_first(flags.bookmark, env.get("CDC_POLL_BOOKMARK"))),
        lag_ms=_whole_number("--lag", _first(flags.lag, env.get("CDC_POLL_LAG_MS")), DEFAULT_LAG_MS, 0, _A_DAY_MS),
        batch_size=_whole_number("--batch-size", _first(flags.batch_size, env.get("CDC_POLL_BATCH_SIZE")), DEFAULT_BATCH_SIZE, 1, 100_000),
        state_file=Path(env.get("CDC_STATE_DIR", "").strip() or DEFAULT_STATE_DIR) / "bookmark.state.json",
    )


def database_url(env: Mapping[str, str]) -> str:
    url = env.get("DATABASE_URL", "").strip()
    if not url:
        raise ConfigurationError(
            "DATABASE_URL is not set",
            hint='run the lab with `pnpm lab N` (it starts Postgres), or eval "$(pnpm -s stack env)" first',
        )
    if not url.startswith(("postgres://", "postgresql://")):
        raise ConfigurationError("DATABASE_URL is not a postgres:// URL", hint="use the form postgres://user:password@host:5432/database")
    return url


def _first(flag: str | None, variable: str | None) -> str | None:
    return flag if flag is not None else variable


def _whole_number(name: str, value: str | None, fallback: int, low: int, high: int) -> int:
    if value is None or value.strip() == "":
        return fallback
    try:
        parsed = int(value.strip())
    except ValueError:
        parsed = None
    if parsed is None or not low <= parsed <= high:
        raise ConfigurationError(f"{name} must be a whole number from {low} to {high}, not {value!r}", hint=_HELP)
    return parsed


def _bookmark_mode(value: str | None) -> BookmarkMode:
    if value is None or value == "":
        return DEFAULT_MODE
    for mode in BOOKMARK_MODES:
        if value == mode:
            return mode
    raise ConfigurationError(f"--bookmark must be {' or '.join(BOOKMARK_MODES)}, not {value!r}", hint=_HELP)
