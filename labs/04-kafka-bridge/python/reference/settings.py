"""The command line and the environment: the same flags, variables and errors as the TypeScript bridge."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Mapping
from urllib.parse import unquote_to_bytes, urlsplit

from errors import ConfigurationError

DEFAULT_SLOT = "cdc_lab_04"
DEFAULT_PUBLICATION = "cdc_lab_04"
DEFAULT_TOPIC_PREFIX = "cdc"

USAGE = f"""usage: pnpm lab 4 --lang python [stream] [--tables <a,b>] [--single-topic <name>] [--status-interval <ms>] [--confirm-delay <ms>]
       pnpm lab 4 --lang python tail [<topic>] [--from-beginning] [--full] [--max-messages <n>]

  stream (default)         create or check the publication, create the slot if it is missing,
                           and publish every change to Kafka as a JSON change event;
                           Ctrl-C stops cleanly
  tail [<topic>]           print a topic's events as they arrive, one per line:
                           key=<key> <value>; without a topic, every topic under the prefix

  --tables <a,b>           publish only these tables (table or schema.table)
  --single-topic <name>    every table's events in one topic instead of one topic per table
  --status-interval <ms>   how often to report the confirmed position unasked (default: a
                           quarter of the server's wal_sender_timeout, at most 10000)
  --confirm-delay <ms>     wait this long between Kafka's acknowledgement and the confirmation
                           to Postgres: a teaching aid that widens the window a crash can hit
  --from-beginning         tail from the first record rather than from the end
  --full                   tail: print each value exactly as stored, not the digest
  --max-messages <n>       tail: stop after n records

environment: DATABASE_URL and KAFKA_BROKERS (required), CDC_SLOT (default {DEFAULT_SLOT}),
             CDC_PUBLICATION (default {DEFAULT_PUBLICATION}), CDC_TOPIC_PREFIX (default {DEFAULT_TOPIC_PREFIX})"""


@dataclass(slots=True)
class StreamCommand:
    database_url: str
    brokers: list[str]
    slot: str
    publication: str
    topic_prefix: str
    tables: list[str]
    """Empty: every table (the publication is FOR ALL TABLES)."""
    single_topic: str | None
    status_interval_ms: int | None
    """None: worked out from the server's wal_sender_timeout."""
    confirm_delay_ms: int


@dataclass(slots=True)
class TailCommand:
    brokers: list[str]
    topic_prefix: str
    topic: str | None
    from_beginning: bool
    full: bool
    max_messages: int | None


@dataclass(slots=True)
class HelpCommand:
    pass


Command = StreamCommand | TailCommand | HelpCommand

_VALUE_FLAGS = {"tables", "single-topic", "status-interval", "confirm-delay", "max-messages"}
_BOOLEAN_FLAGS = {"from-beginning", "full", "help"}
_STREAM_FLAGS = ("tables", "single-topic", "status-interval", "confirm-delay")
_TAIL_FLAGS = ("from-beginning", "full", "max-messages")


def parse_command(argv: list[str], env: Mapping[str, str] = os.environ) -> Command:
    values, positionals = _parse_args(argv)
    if "help" in values:
        return HelpCommand()
    name = positionals[0] if positionals else "stream"
    topic_prefix = env.get("CDC_TOPIC_PREFIX", "").strip() or DEFAULT_TOPIC_PREFIX
    if not re.fullmatch(r"[A-Za-z0-9._-]+", topic_prefix):
        raise ConfigurationError(f"CDC_TOPIC_PREFIX={topic_prefix!r} cannot start a topic name", hint='use letters, digits, ".", "_" and "-" only')
    if name == "stream":
        if len(positionals) > 1:
            raise ConfigurationError(f"stream takes no arguments, not {' '.join(positionals[1:])}", hint=USAGE)
        _refuse_flags(values, _TAIL_FLAGS, "stream")
        single_topic = values.get("single-topic")
        if single_topic is not None:
            single_topic = single_topic.strip()
            if not re.fullmatch(r"[A-Za-z0-9._-]{1,249}", single_topic):
                raise ConfigurationError(f"--single-topic {single_topic!r} is not a valid topic name",
                                         hint='use letters, digits, ".", "_" and "-" only, at most 249 characters')
        confirm_delay = values.get("confirm-delay")
        return StreamCommand(
            database_url=database_url(env),
            brokers=kafka_brokers(env),
            slot=slot_name(env.get("CDC_SLOT", "").strip() or DEFAULT_SLOT, "CDC_SLOT"),
            publication=env.get("CDC_PUBLICATION", "").strip() or DEFAULT_PUBLICATION,
            topic_prefix=topic_prefix,
            tables=_parse_tables(values.get("tables")),
            single_topic=single_topic,
            status_interval_ms=None if "status-interval" not in values else positive_integer("--status-interval", values["status-interval"]),
            confirm_delay_ms=0 if confirm_delay in (None, "0") else positive_integer("--confirm-delay", confirm_delay),
        )
    if name == "tail":
        if len(positionals) > 2:
            raise ConfigurationError(f"tail takes at most one topic, not {' '.join(positionals[1:])}", hint=USAGE)
        _refuse_flags(values, _STREAM_FLAGS, "tail")
        return TailCommand(
            brokers=kafka_brokers(env),
            topic_prefix=topic_prefix,
            topic=positionals[1] if len(positionals) > 1 else None,
            from_beginning="from-beginning" in values,
            full="full" in values,
            max_messages=None if "max-messages" not in values else positive_integer("--max-messages", values["max-messages"]),
        )
    raise ConfigurationError(f"unknown command {name!r}", hint=USAGE)


def _parse_args(argv: list[str]) -> tuple[dict[str, str], list[str]]:
    values: dict[str, str] = {}
    positionals: list[str] = []
    index = 0
    while index < len(argv):
        arg = argv[index]
        index += 1
        if arg in ("-h", "--help"):
            values["help"] = ""
        elif arg.startswith("--"):
            flag, _, inline = arg[2:].partition("=")
            if flag in _BOOLEAN_FLAGS:
                values[flag] = ""
            elif flag in _VALUE_FLAGS:
                if inline or "=" in arg:
                    values[flag] = inline
                elif index < len(argv):
                    values[flag] = argv[index]
                    index += 1
                else:
                    raise ConfigurationError(f"option '--{flag} <value>' argument missing", hint=USAGE)
            else:
                raise ConfigurationError(f"Unknown option '--{flag}'", hint=USAGE)
        else:
            positionals.append(arg)
    return values, positionals


def _parse_tables(text: str | None) -> list[str]:
    if text is None:
        return []
    tables = [table.strip() for table in text.split(",") if table.strip()]
    if not tables:
        raise ConfigurationError("--tables names no table", hint="give a comma-separated list: --tables users,shop.orders")
    for table in tables:
        parts = table.split(".")
        if len(parts) > 2 or "" in parts:
            raise ConfigurationError(f"--tables has {table!r}, not table or schema.table")
    return tables


def _refuse_flags(values: dict[str, str], flags: tuple[str, ...], command: str) -> None:
    for flag in flags:
        if flag in values:
            raise ConfigurationError(f"--{flag} does not belong to the {command} command", hint=USAGE)


def positive_integer(name: str, value: str) -> int:
    try:
        parsed = int(value)
    except ValueError:
        parsed = 0
    if parsed <= 0:
        raise ConfigurationError(f"{name} must be a positive whole number, not {value!r}")
    return parsed


def slot_name(name: str, source: str) -> str:
    if not re.fullmatch(r"[a-z0-9_]{1,63}", name):
        raise ConfigurationError(f"{source}={name!r} is not a valid slot name",
                                 hint="slot names use only lower-case letters, digits and underscores, up to 63 characters")
    return name


def _required(name: str, env: Mapping[str, str], hint: str) -> str:
    value = env.get(name, "").strip()
    if not value:
        raise ConfigurationError(f"{name} is not set", hint=hint)
    return value


_ENCODE_HINT = ('in a URL, a user name or password with @ : / ? # % & or a space must be percent-encoded: '
                'encodeURIComponent(password) in JavaScript, urllib.parse.quote(password, safe="") in Python (p@ss#1 becomes p%40ss%231)')


def database_url(env: Mapping[str, str]) -> str:
    url = _required("DATABASE_URL", env, 'run the lab with `pnpm lab N` (it starts Postgres), or eval "$(pnpm -s stack env)" first')
    if not re.match(r"^postgres(ql)?://", url):
        raise ConfigurationError("DATABASE_URL is not a postgres:// URL", hint="use the form postgres://user:password@host:5432/database")
    _check_url_spelling(url)
    return url


def _check_url_spelling(url: str) -> None:
    """The mistakes a password makes in a URL, caught before libpq reads the URL its own way and
    fails with something unrelated. The messages never repeat the URL: it holds the password."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # a port that is not a number: the URL was cut somewhere else
        if not parts.hostname or " " in (parts.netloc or ""):
            raise ValueError("no host")
    except ValueError:
        raise ConfigurationError("DATABASE_URL cannot be read as a URL (the value is not shown: it may hold a password)", hint=_ENCODE_HINT) from None
    if "#" in url:
        raise ConfigurationError("DATABASE_URL has a # in it, which ends a URL: the rest is ignored", hint=_ENCODE_HINT)
    for part, value in (("user name", parts.username), ("password", parts.password)):
        if value and re.search(r"%(?![0-9A-Fa-f]{2})", value):
            raise ConfigurationError(f"the {part} in DATABASE_URL has a % that does not start a percent-encoded character", hint=_ENCODE_HINT)
        if value:
            try:
                unquote_to_bytes(value).decode("utf-8")
            except UnicodeDecodeError:
                raise ConfigurationError(f"the {part} in DATABASE_URL is not valid percent-encoded UTF-8", hint=_ENCODE_HINT) from None


def kafka_brokers(env: Mapping[str, str]) -> list[str]:
    text = _required("KAFKA_BROKERS", env, 'run the lab with `pnpm lab N` (it starts Kafka), or eval "$(pnpm -s stack env)" first')
    brokers = [broker.strip() for broker in text.split(",") if broker.strip()]
    for broker in brokers:
        if re.match(r"^[a-z]+://", broker, re.I):
            raise ConfigurationError(
                f"KAFKA_BROKERS has {broker!r}: a broker is host:port, without a scheme",
                hint=f"write {re.sub(r'^[a-z]+://', '', broker, flags=re.I)} (a listener name such as PLAINTEXT:// belongs to the broker's settings, not the client's)",
            )
        match = re.fullmatch(r"([^:\s]+|\[[0-9a-f:]+\]):(\d+)", broker, re.I)
        if not match:
            raise ConfigurationError(f"KAFKA_BROKERS has {broker!r}, not host:port", hint="list brokers as host:port, separated by commas: localhost:9092,localhost:9093")
        port = int(match.group(2))
        if port < 1 or port > 65535:
            raise ConfigurationError(
                f'KAFKA_BROKERS has port {match.group(2)} in "{broker}": a port is a number from 1 to 65535',
                hint="Kafka listens on 9092 by default; `pnpm stack status` shows the port of the stack's broker",
            )
    return brokers
