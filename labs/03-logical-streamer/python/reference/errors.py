"""Turn what Postgres (or the network) said into an error a person can act on.

Postgres names each failure with a SQLSTATE; the ones a CDC consumer meets on its first day each
get a message and the exact fix. The original error stays attached as ``__cause__`` (``raise …
from error``), with its code, so that code further up can still ask what Postgres said.

Both drivers of the Python track come through here: psycopg2 (the replication connection) keeps
the SQLSTATE in ``pgcode``, psycopg 3 (status and drop) in ``sqlstate``. A failure while
*connecting* has no SQLSTATE in either: libpq gives only the server's text, ``FATAL:  must be
superuser or replication role to start walsender``. For those the code is recognised from the
text (_CONNECT_FAILURES), so that the same mapping applies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from cdc_lab import CdcLabError, ConfigurationError

Step = Literal["connect", "create-slot", "start", "stream", "drop", "query"]


@dataclass(frozen=True)
class ErrorContext:
    """What we were doing (it changes what the same SQLSTATE means), and for whom."""

    step: Step
    slot: str
    # The role we connect as, for the ALTER ROLE-style hints.
    user: str | None = None


class ReplicationError(CdcLabError):
    """The stream or a replication command failed."""


class PostgresSetupError(CdcLabError):
    """The server or the role is not set up for logical decoding; the hint says how to fix it."""


class SlotInvalidatedError(ReplicationError):
    """The slot exists but Postgres has invalidated it: nothing can read it again.

    Postgres removed WAL the slot still needed (max_slot_wal_keep_size), or the slot sat idle
    past idle_replication_slot_timeout (18+). The stream command adds what was lost and the
    runbook (lost_slot.py).
    """

    def __init__(self, slot: str, reason: str) -> None:
        super().__init__(
            f"slot '{slot}' was invalidated and can no longer be read: {reason}",
            "drop it (pnpm lab 3 drop), run the streamer again to create a new slot, and take a new snapshot of the tables (lab 6): the slot's changes are gone from the WAL",
        )
        self.slot = slot
        self.reason = reason


# The SQLSTATEs this module knows, by their names in Postgres's errcodes.txt.
OBJECT_NOT_IN_PREREQUISITE_STATE = "55000"
OBJECT_IN_USE = "55006"
INSUFFICIENT_PRIVILEGE = "42501"
CONFIGURATION_LIMIT_EXCEEDED = "53400"
TOO_MANY_CONNECTIONS = "53300"
INVALID_AUTHORIZATION_SPECIFICATION = "28000"
INVALID_PASSWORD = "28P01"
INVALID_CATALOG_NAME = "3D000"
UNDEFINED_OBJECT = "42704"
ADMIN_SHUTDOWN = "57P01"
CHARACTER_NOT_IN_REPERTOIRE = "22021"

# Startup failures arrive as text only; these are the server's words for the codes above.
_CONNECT_FAILURES: tuple[tuple[re.Pattern[str], str], ...] = (
    # PostgreSQL 15 and before, then 16 on.
    (re.compile(r"replication role to start walsender|permission denied to start WAL sender", re.I), INSUFFICIENT_PRIVILEGE),
    (re.compile(r"password authentication failed", re.I), INVALID_PASSWORD),
    (re.compile(r"database \".*\" does not exist", re.I), INVALID_CATALOG_NAME),
    (re.compile(r"no pg_hba\.conf entry", re.I), INVALID_AUTHORIZATION_SPECIFICATION),
    (re.compile(r"max_wal_senders|too many clients", re.I), TOO_MANY_CONNECTIONS),
    (re.compile(r"wal_level", re.I), OBJECT_NOT_IN_PREREQUISITE_STATE),
)


@dataclass(frozen=True)
class PostgresSaid:
    """A server error, the same whichever driver reported it."""

    code: str
    message: str
    detail: str | None = None
    hint: str | None = None


def sqlstate_of(error: BaseException | None) -> str | None:
    """The SQLSTATE a psycopg2 or psycopg 3 error carries, if any."""
    if error is None:
        return None
    code = getattr(error, "pgcode", None) or getattr(error, "sqlstate", None)
    return code if isinstance(code, str) and code else None


def what_postgres_said(error: BaseException) -> PostgresSaid | None:
    code = sqlstate_of(error)
    diag = getattr(error, "diag", None)
    if code is not None:
        message = getattr(diag, "message_primary", None) or _server_text(str(error))
        return PostgresSaid(code, message, getattr(diag, "message_detail", None), getattr(diag, "message_hint", None))
    # A startup failure: "connection to server at … failed: FATAL:  <what the server said>".
    match = re.search(r"FATAL:\s+(.*)", str(error))
    if match:
        said = match.group(1).strip()
        for pattern, inferred in _CONNECT_FAILURES:
            if pattern.search(said):
                return PostgresSaid(inferred, said)
    return None


def explain_postgres_error(error: BaseException, context: ErrorContext) -> CdcLabError:
    """The error to raise instead of ``error`` (``raise explain_postgres_error(e, …) from e``)."""
    if isinstance(error, CdcLabError):
        return error
    said = what_postgres_said(error)
    if said is not None:
        return _from_sql_state(said, context)
    return _from_network_error(error, context)


def _from_sql_state(said: PostgresSaid, context: ErrorContext) -> CdcLabError:
    code, message = said.code, said.message
    role = _quote_role(context.user) if context.user else "<your role>"
    if code == OBJECT_NOT_IN_PREREQUISITE_STATE:
        # "cannot read from logical replication slot" (Postgres 15) or "can no longer get changes
        # from replication slot" (16+), with the reason in the detail: the slot's WAL is gone.
        if re.search("invalidated", f"{message} {said.detail or ''}", re.I):
            return SlotInvalidatedError(context.slot, said.detail or message)
        if re.search("wal_level", message, re.I):
            return PostgresSetupError(
                "logical decoding is off: the server runs with wal_level below logical",
                "as a superuser run ALTER SYSTEM SET wal_level = logical; then restart Postgres (wal_level is read only at start-up)",
            )
        if re.search("not created in this database", message, re.I):
            return PostgresSetupError(
                f"slot '{context.slot}' belongs to another database",
                "a logical slot decodes one database: connect to the database it was made in, or use another name with CDC_SLOT",
            )
    elif code == OBJECT_IN_USE:
        if context.step == "drop":
            return ReplicationError(
                f"slot '{context.slot}' is active: {message}",
                "stop the program reading it first (Ctrl-C in its terminal); dropping a slot that is being read would lose its place",
            )
        return ReplicationError(
            f"slot '{context.slot}' is already being read by another process ({_active_pid(message)})",
            "a slot has exactly one reader at a time: stop the other one (pg_replication_slots.active_pid names it), or give this program its own slot with CDC_SLOT=<name>",
        )
    elif code == INSUFFICIENT_PRIVILEGE:
        return PostgresSetupError(
            f"role {role} may not stream changes: it lacks the REPLICATION attribute",
            f"as a superuser run ALTER ROLE {role} REPLICATION; (Postgres said: {message})",
        )
    elif code == CONFIGURATION_LIMIT_EXCEEDED:
        if re.search("replication slots", message, re.I):
            return PostgresSetupError(
                "all replication slots are in use: max_replication_slots is reached",
                "drop slots nobody reads any more (SELECT slot_name FROM pg_replication_slots WHERE NOT active; then SELECT pg_drop_replication_slot('<name>')), or raise max_replication_slots and restart Postgres",
            )
    elif code == TOO_MANY_CONNECTIONS:
        if re.search("max_wal_senders", message, re.I):
            return PostgresSetupError(
                "no walsender is free: max_wal_senders is reached",
                "every replication connection uses one walsender; stop an idle one or raise max_wal_senders and restart Postgres",
            )
    elif code == INVALID_AUTHORIZATION_SPECIFICATION:
        if re.search(r"pg_hba\.conf", message, re.I) and re.search("replication", message, re.I):
            return PostgresSetupError(
                "pg_hba.conf does not allow replication connections for this role and host",
                f'add a line such as "host replication {context.user or "all"} 127.0.0.1/32 scram-sha-256" to pg_hba.conf, then SELECT pg_reload_conf(); (Postgres said: {message})',
            )
    elif code == INVALID_PASSWORD:
        return ConfigurationError(
            f"Postgres refused the password of role {role}",
            "check the user and password in DATABASE_URL (eval \"$(pnpm -s stack env)\" sets the stack's)",
        )
    elif code == INVALID_CATALOG_NAME:
        return ConfigurationError(f"the database in DATABASE_URL does not exist: {message}", "create it, or fix DATABASE_URL")
    elif code == UNDEFINED_OBJECT:
        if re.search("replication slot", message, re.I):
            return ReplicationError(
                f"slot '{context.slot}' does not exist (any more): {message}",
                "someone dropped it; run the streamer again to create a fresh one (changes made meanwhile are not in it)",
            )
    elif code == CHARACTER_NOT_IN_REPERTOIRE:
        # A SQL_ASCII database stores whatever bytes it is given; the walsender checks them
        # against the client's encoding only when it sends a change, so the stream stops at the
        # first bad value, every time: the WAL keeps the bytes as written.
        return ReplicationError(
            f"Postgres cannot send a change as UTF-8: a text value in it is not valid UTF-8 ({message})",
            "\n".join(
                [
                    "the database probably has encoding SQL_ASCII, which stores any bytes unchecked (SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database());",
                    "the change stays in the slot and the stream stops at it every time. Fix the source: make the application write UTF-8 and move the data to a UTF8 database (then snapshot it again);",
                    f"or, accepting that this transaction is lost to the stream, find its commit with pg_walinspect or pg_waldump (lab 2) and move the slot past it: SELECT pg_replication_slot_advance('{context.slot}', '<lsn after the commit>')",
                ]
            ),
        )
    elif code == ADMIN_SHUTDOWN:
        return ReplicationError(
            f"Postgres ended the replication connection: {message}",
            "the server is shutting down or someone ran pg_terminate_backend; run the streamer again to resume from the last confirmed position",
        )
    detail = f" ({said.detail})" if said.detail else ""
    return ReplicationError(f"Postgres refused {_describe_step(context.step)}: {message}{detail} [SQLSTATE {code}]", said.hint)


def _from_network_error(error: BaseException, context: ErrorContext) -> CdcLabError:
    message = " ".join(str(error).split()) or type(error).__name__
    if re.search(r"Connection refused|could not translate host name|No route to host|timeout expired", message, re.I):
        return ConfigurationError(
            f"cannot reach Postgres: {message}",
            "is the stack running? pnpm stack status shows it; check the host and port in DATABASE_URL",
        )
    if re.search(r"invalid dsn|invalid connection option|missing \"=\"|invalid URI", message, re.I):
        return ConfigurationError(f"DATABASE_URL cannot be used: {message}", "use the form postgres://user:password@host:5432/database")
    if context.step == "stream" or re.search(r"terminat|closed|reset", message, re.I):
        return ReplicationError(
            f"the replication connection was lost: {message}",
            'if the server log says "terminating walsender process due to replication timeout", the program did not answer keepalives within wal_sender_timeout; otherwise run it again: it resumes from the last confirmed position',
        )
    return ReplicationError(f"{_describe_step(context.step)} failed: {message}")


def _server_text(text: str) -> str:
    # psycopg2's pgerror reads "ERROR:  replication slot …\n": keep the sentence.
    match = re.search(r"(?:ERROR|FATAL):\s+(.*)", text)
    return (match.group(1) if match else text).strip()


def _describe_step(step: Step) -> str:
    return {
        "connect": "the replication connection",
        "create-slot": "creating the slot",
        "start": "START_REPLICATION",
        "stream": "the stream",
        "drop": "dropping the slot",
        "query": "the query",
    }[step]


def _active_pid(message: str) -> str:
    """Postgres says 'replication slot "x" is active for PID 1234': keep the PID for the message."""
    match = re.search(r"PID (\d+)", message, re.I)
    return f"walsender PID {match.group(1)}" if match else message


def _quote_role(name: str) -> str:
    return name if re.fullmatch(r"[a-z_][a-z0-9_]*", name) else '"' + name.replace('"', '""') + '"'
