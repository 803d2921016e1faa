"""One poll: the keyset query for a page, and pages until one comes back short."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Final, LiteralString, Mapping, Protocol

from cdc_lab import CdcLabError, todo

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

@dataclass(frozen=True)
class Query:
    # LiteralString: only SQL written in the program, never text built from a value.
    text: LiteralString
    params: Mapping[str, object]


def page_query(request: PageRequest) -> Query:
    """The query for the page after ``request.after``: text and parameters."""
    # TODO: _SELECT_ROWS, then
    #   - only rows after request.after: in keyset mode the pair (updated_at, id), in naive
    #     mode updated_at alone (the naive mode exists to show what it loses);
    #   - only rows whose updated_at is at least request.lag_ms old, by the database's clock;
    #   - in bookmark order, at most request.limit of them.
    # Pass every value as a parameter: a %(name)s placeholder in the text, its value under that
    # name in Query.params; never formatted into the text.
    todo("the keyset query", "docs/01-poller.md#the-keyset-query")


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
