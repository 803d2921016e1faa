"""One poll: the keyset query for a page, and pages until one comes back short."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Final, LiteralString, Mapping, Protocol

from cdc_lab import CdcLabError

from bookmark import Bookmark, BookmarkMode, advance, compare_bookmarks, describe_bookmark
from database import Database


@dataclass(frozen=True)
class ChangedRow:
    """A row as the poller reports it."""

    id: int
    name: str
    # UTC with microseconds, exactly as the bookmark keeps it.
    updated_at: str


@dataclass(frozen=True)
class PageRequest:
    after: Bookmark
    mode: BookmarkMode
    # Leave rows younger than this alone: they may still have older siblings not yet committed.
    lag_ms: int
    limit: int


# Columns the poller reads. updated_at leaves Postgres as fixed-width UTC text with all six
# fractional digits, the form the bookmark keeps. It gets a name of its own: had the select list
# called the text "updated_at", an ORDER BY "updated_at" would sort that text output column
# instead of the table's column (harmless for this fixed-width text, a trap for an id cast to
# text, where '10' sorts before '9').
_SELECT_ROWS: Final = '''SELECT "id", "name",
       to_char("updated_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "updated_at_utc"
  FROM "poller"."users"'''

# Only rows that are at least lag_ms old; with no lag, rows written up to this statement.
_OLD_ENOUGH: Final = "\"updated_at\" <= now() - %(lag_ms)s::integer * interval '1 millisecond'"

# The keyset query: the next `limit` rows after the bookmark, in bookmark order. The row
# comparison (a, b) > (x, y) means a > x OR (a = x AND b > y), and Postgres walks the
# (updated_at, id) index from that point. The naive mode compares the timestamp only.
# psycopg sends every %(name)s as a parameter of its own ($1, $2, ... on the wire), apart from
# the SQL text.
_PAGE_AFTER: dict[BookmarkMode, LiteralString] = {
    "keyset": f"""{_SELECT_ROWS}
 WHERE ("updated_at", "id") > (%(after_updated_at)s::timestamptz, %(after_id)s::bigint) AND {_OLD_ENOUGH}
 ORDER BY "updated_at", "id"
 LIMIT %(limit)s""",
    "naive": f"""{_SELECT_ROWS}
 WHERE "updated_at" > %(after_updated_at)s::timestamptz AND {_OLD_ENOUGH}
 ORDER BY "updated_at", "id"
 LIMIT %(limit)s""",
}


@dataclass(frozen=True)
class Query:
    # LiteralString: only SQL written in the program, never text built from a value.
    text: LiteralString
    params: Mapping[str, object]


def page_query(request: PageRequest) -> Query:
    """The query for the page after ``request.after``: text and parameters."""
    params: dict[str, object] = {
        "lag_ms": request.lag_ms,
        "after_updated_at": request.after.updated_at,
        "limit": request.limit,
    }
    if request.mode == "keyset":
        params["after_id"] = request.after.id
    return Query(text=_PAGE_AFTER[request.mode], params=params)


def fetch_page(db: Database, request: PageRequest) -> list[ChangedRow]:
    """One page of changed rows: a single query."""
    query = page_query(request)
    return [ChangedRow(id=id, name=name, updated_at=updated_at) for id, name, updated_at in db.fetch_all(query.text, query.params)]


FetchPage = Callable[[Database, PageRequest], list[ChangedRow]]


@dataclass(frozen=True)
class PollResult:
    rows: list[ChangedRow]
    # Where the next poll starts.
    bookmark: Bookmark
    # Queries this poll sent: one per page, including the last, short or empty, one.
    queries: int


class PollOptions(Protocol):
    @property
    def mode(self) -> BookmarkMode: ...

    @property
    def lag_ms(self) -> int: ...

    @property
    def batch_size(self) -> int: ...


def poll_once(db: Database, start: Bookmark, options: PollOptions, fetch: FetchPage = fetch_page) -> PollResult:
    """One poll: read pages until one comes back short, moving the bookmark after each page.

    A full page means there may be more, so a poll that finds exactly ``batch_size`` rows pays
    for one more (empty) query, part of the load the poller reports.
    """
    rows: list[ChangedRow] = []
    bookmark = start
    queries = 0
    while True:
        page = fetch(db, PageRequest(after=bookmark, mode=options.mode, lag_ms=options.lag_ms, limit=options.batch_size))
        queries += 1
        rows.extend(page)
        following = advance(bookmark, page)
        if page and compare_bookmarks(following, bookmark) <= 0:
            # A query with >= instead of >, or a bookmark that lost precision, reads the same
            # page again and again; stop here rather than spin.
            raise CdcLabError(
                f"a page of rows did not move the bookmark past {describe_bookmark(bookmark)}",
                hint="the query must return only rows strictly after the bookmark (>, not >=), and the bookmark must keep updated_at to the microsecond",
            )
        bookmark = following
        if len(page) < options.batch_size:
            return PollResult(rows=rows, bookmark=bookmark, queries=queries)
