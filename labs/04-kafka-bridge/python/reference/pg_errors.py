"""Turn what Postgres (or the network) said into an error a person can act on (lab 3's
explainPostgresError). Postgres names each failure with a SQLSTATE; a failed connection often
carries only its message, so both are read."""

from __future__ import annotations

import re

from errors import CdcLabError, ConfigurationError, PostgresSetupError, ReplicationError


def sqlstate_of(error: BaseException) -> str | None:
    # psycopg2 calls it pgcode, psycopg 3 sqlstate; a refused connection usually has neither.
    return getattr(error, "pgcode", None) or getattr(error, "sqlstate", None)


def _quote_role(name: str) -> str:
    return name if re.fullmatch(r"[a-z_][a-z0-9_]*", name) else '"' + name.replace('"', '""') + '"'


def explain_postgres_error(error: BaseException, step: str, slot: str, user: str | None = None) -> CdcLabError:
    """``step`` is what we were doing: connect, create-slot, start, stream or query."""
    if isinstance(error, CdcLabError):
        return error
    code = sqlstate_of(error)
    said = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    full = str(error)
    role = _quote_role(user) if user else "<your role>"
    if code == "42501" or re.search(r"must be superuser or replication role|permission denied to start WAL sender", full, re.I):
        return PostgresSetupError(
            f"role {role} may not stream changes: it lacks the REPLICATION attribute",
            hint=f"as a superuser run ALTER ROLE {role} REPLICATION; (Postgres said: {said})",
        )
    if code == "55000" and re.search(r"wal_level", full, re.I) or re.search(r"logical decoding requires wal_level", full, re.I):
        return PostgresSetupError(
            "logical decoding is off: the server runs with wal_level below logical",
            hint="as a superuser run ALTER SYSTEM SET wal_level = logical; then restart Postgres (wal_level is read only at start-up)",
        )
    if code == "55006" or re.search(r"replication slot .* is active for PID", full, re.I):
        return ReplicationError(
            f"slot '{slot}' is already being read by another process ({said})",
            hint="a slot has exactly one reader at a time: stop the other one (pg_replication_slots.active_pid names it), "
            "or give this program its own slot with CDC_SLOT=<name>",
        )
    if code == "28P01" or re.search(r"password authentication failed", full, re.I):
        return ConfigurationError(
            f"Postgres refused the password of role {role}",
            hint='check the user and password in DATABASE_URL (eval "$(pnpm -s stack env)" sets the stack\'s)',
        )
    if code == "3D000" or re.search(r"database .* does not exist", full, re.I):
        return ConfigurationError(f"the database in DATABASE_URL does not exist: {said}", hint="create it, or fix DATABASE_URL")
    if code == "42704" and re.search(r"replication slot", full, re.I):
        return ReplicationError(
            f"slot '{slot}' does not exist (any more): {said}",
            hint="someone dropped it; run the bridge again to create a fresh one (changes made meanwhile are not in it)",
        )
    if code == "22021" or re.search(r"invalid byte sequence for encoding", full, re.I):
        # A SQL_ASCII database stores whatever bytes it is given; the walsender checks them
        # against the client's encoding (UTF8) only when it sends a change, so the stream stops
        # at the first bad value, every time: the change stays in the slot.
        return ReplicationError(
            f"Postgres cannot send a change as UTF-8: a text value in it is not valid UTF-8 ({said})",
            hint="\n".join([
                "the database probably has encoding SQL_ASCII, which stores any bytes unchecked (SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database());",
                "the change stays in the slot and the stream stops at it every time. Fix the source: make the application write UTF-8 and move the data to a UTF8 database (then snapshot it again);",
                f"or, accepting that this transaction is lost to the stream, find its commit with pg_walinspect or pg_waldump (lab 2) and move the slot past it: SELECT pg_replication_slot_advance('{slot}', '<lsn after the commit>')",
            ]),
        )
    if code == "57P01" or re.search(r"terminating connection due to administrator command", full, re.I):
        return ReplicationError(
            f"Postgres ended the replication connection: {said}",
            hint="the server is shutting down or someone ran pg_terminate_backend; run the bridge again to resume from the last confirmed position",
        )
    if re.search(r"Connection refused|could not translate host name|No route to host", full, re.I):
        return ConfigurationError(
            f"cannot reach Postgres: {said}",
            hint="is the stack running? pnpm stack status shows it; check the host and port in DATABASE_URL",
        )
    if step == "stream" or re.search(r"server closed the connection|terminated|connection .* closed|SSL SYSCALL", full, re.I):
        return ReplicationError(
            f"the replication connection was lost: {said}",
            hint='if the server log says "terminating walsender process due to replication timeout", the program did not '
            "answer keepalives within wal_sender_timeout; otherwise run it again: it resumes from the last confirmed position",
        )
    suffix = f" [SQLSTATE {code}]" if code else ""
    return ReplicationError(f"Postgres refused {_describe(step)}: {said}{suffix}")


def _describe(step: str) -> str:
    return {
        "connect": "the connection", "create-slot": "creating the slot", "start": "START_REPLICATION",
        "stream": "the stream", "query": "the query",
    }.get(step, step)
