"""The replication connection's session settings, and how often to report the position unasked.

pgoutput prints each value with its type's output function, which follows the settings of the
session that decodes: the walsender's. The value parsers read one spelling of each type, so the
replication connection sets them at start-up through libpq's ``options`` parameter. Options
already in DATABASE_URL (say ``-c wal_sender_timeout=2s``) are kept; ours come after them.
"""

from __future__ import annotations

from typing import Any

import psycopg2.extensions

VALUE_OUTPUT_SETTINGS = {
    "DateStyle": "ISO, MDY",
    "IntervalStyle": "postgres",
    "bytea_output": "hex",
    "extra_float_digits": "3",
    "TimeZone": "UTC",
}


def connection_options() -> str:
    """The settings as a libpq ``options`` string: ``-c DateStyle=ISO,\\ MDY -c …``."""
    return " ".join(f"-c {name}={value.replace(' ', chr(92) + ' ')}" for name, value in VALUE_OUTPUT_SETTINGS.items())


def replication_params(database_url: str) -> dict[str, str]:
    """DATABASE_URL as libpq reads it (percent-decoded), with our options after its own."""
    params = psycopg2.extensions.parse_dsn(database_url)
    existing = params.get("options")
    params["options"] = f"{existing} {connection_options()}" if existing else connection_options()
    # Text arrives as UTF-8 whatever the database's encoding; a SQL_ASCII database would otherwise
    # pass any bytes through, and the walsender checks them only when it converts (SQLSTATE 22021).
    params["client_encoding"] = "UTF8"
    return params


DEFAULT_STATUS_INTERVAL_MS = 10_000
MIN_STATUS_INTERVAL_MS = 100


def status_interval_for(connection: Any) -> int:
    """A quarter of wal_sender_timeout, between 100 ms and 10 s; 10 s when the timeout is off.

    While Kafka is slow the bridge stops reading the replication socket (that is how it pushes
    back on Postgres), so the walsender's keepalive requests sit unread, and the walsender
    hangs up if it hears nothing for wal_sender_timeout. Only the timer's updates reach it then.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT setting FROM pg_settings WHERE name = 'wal_sender_timeout'")
        row = cursor.fetchone()
    try:
        timeout_ms = int(row[0]) if row else 0
    except ValueError:
        timeout_ms = 0
    if timeout_ms <= 0:
        return DEFAULT_STATUS_INTERVAL_MS
    return max(MIN_STATUS_INTERVAL_MS, min(DEFAULT_STATUS_INTERVAL_MS, timeout_ms // 4))
