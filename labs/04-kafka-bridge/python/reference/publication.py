"""The publication says which tables' changes pgoutput sends; the slot says from where.

A publication is created FOR ALL TABLES unless tables are named. An existing one is used as it
is, after checking that it publishes every operation the bridge turns into events and, when
tables are named, exactly those tables.
"""

from __future__ import annotations

from typing import Any

from errors import PostgresSetupError

_OPERATIONS = ("insert", "update", "delete", "truncate")


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def quote_qualified(name: str) -> str:
    """``schema.table`` or ``table``, each part quoted."""
    return ".".join(quote(part) for part in name.split("."))


def ensure_publication(connection: Any, name: str, tables: list[str]) -> str:
    """'created' or 'existing'."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT puballtables, pubinsert, pubupdate, pubdelete, pubtruncate FROM pg_publication WHERE pubname = %s", (name,))
        existing = cursor.fetchone()
    if existing is not None:
        missing = [op for op, published in zip(_OPERATIONS, existing[1:]) if not published]
        if missing:
            # A publication that leaves out an operation loses those changes without a word.
            raise PostgresSetupError(
                f'publication "{name}" does not publish {", ".join(missing)}',
                hint=f"ALTER PUBLICATION {quote(name)} SET (publish = 'insert, update, delete, truncate')",
            )
        if tables:
            _check_published_tables(connection, name, bool(existing[0]), tables)
        return "existing"
    target = "ALL TABLES" if not tables else "TABLE " + ", ".join(quote_qualified(table) for table in tables)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE PUBLICATION {quote(name)} FOR {target}")
    except Exception as error:  # noqa: BLE001 - psycopg's errors, told apart by SQLSTATE
        code = getattr(error, "sqlstate", None)
        if code == "42501":
            raise PostgresSetupError(
                f'not allowed to create publication "{name}"',
                hint="FOR ALL TABLES needs a superuser; name the tables (--tables) you own, or ask an administrator to create the publication",
            ) from error
        if code == "42P01":
            raise PostgresSetupError(str(error).strip().splitlines()[0], hint="check the table names given with --tables") from error
        raise
    return "created"


def _check_published_tables(connection: Any, name: str, all_tables: bool, tables: list[str]) -> None:
    set_tables = f"ALTER PUBLICATION {quote(name)} SET TABLE " + ", ".join(quote_qualified(table) for table in tables)
    if all_tables:
        raise PostgresSetupError(
            f'publication "{name}" publishes every table, but --tables names {", ".join(tables)}',
            hint=f"drop it (DROP PUBLICATION {quote(name)}) to have it created for those tables, or use another name with CDC_PUBLICATION",
        )
    wanted: set[str] = set()
    with connection.cursor() as cursor:
        for table in tables:
            # to_regclass resolves a name the way a query would (search_path), or gives null.
            cursor.execute(
                "SELECT n.nspname || '.' || c.relname FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace "
                "WHERE c.oid = to_regclass(%s)", (quote_qualified(table),))
            row = cursor.fetchone()
            if row is None:
                raise PostgresSetupError(f"--tables names {table}, and there is no such table", hint="check the table names given with --tables")
            wanted.add(row[0])
        cursor.execute("SELECT schemaname || '.' || tablename FROM pg_publication_tables WHERE pubname = %s", (name,))
        has = {row[0] for row in cursor.fetchall()}
    missing = sorted(wanted - has)
    extra = sorted(has - wanted)
    if missing or extra:
        parts = [f"lacks {', '.join(missing)}" if missing else "", f"also publishes {', '.join(extra)}" if extra else ""]
        raise PostgresSetupError(f'publication "{name}" ' + " and ".join(part for part in parts if part), hint=set_tables)


def tables_without_replica_identity(connection: Any, publication: str) -> list[str]:
    """Published tables whose UPDATEs and DELETEs Postgres will refuse (to the application, not to us)."""
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT t.schemaname || '.' || t.tablename
              FROM pg_publication_tables AS t
              JOIN pg_namespace AS n ON n.nspname = t.schemaname
              JOIN pg_class AS c ON c.relnamespace = n.oid AND c.relname = t.tablename
             WHERE t.pubname = %s
               AND (c.relreplident = 'n'
                 OR (c.relreplident = 'd' AND NOT EXISTS (SELECT FROM pg_index AS i WHERE i.indrelid = c.oid AND i.indisprimary))
                 OR (c.relreplident = 'i' AND NOT EXISTS (SELECT FROM pg_index AS i WHERE i.indrelid = c.oid AND i.indisreplident)))
             ORDER BY 1""", (publication,))
        return [row[0] for row in cursor.fetchall()]
