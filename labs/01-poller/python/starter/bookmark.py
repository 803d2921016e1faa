"""The poller's position in the table: the sort key of the last row it reported.

Rows are read in ``(updated_at, id)`` order, so that pair names exactly one place in the order.
``updated_at`` alone does not: every row a transaction writes shares its ``now()``, and a page
boundary can fall between two of them.

The timestamp is kept as the text Postgres printed, with all six fractional digits, rather than
as a ``datetime``: the text is exactly the value Postgres compares, it can say ``-infinity``
(which a ``datetime`` cannot), and its fixed width sorts the way the timestamps do. The id is a
Python ``int``, which holds any ``bigint`` exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol, Sequence

from cdc_lab import todo

# How a poll compares rows with the bookmark.
# - keyset: (updated_at, id) > bookmark, the pair, so a tie continues where it stopped.
# - naive:  updated_at > bookmark.updated_at, what most pollers do; loses the rest of a tie.
BookmarkMode = Literal["keyset", "naive"]
BOOKMARK_MODES: tuple[BookmarkMode, ...] = ("keyset", "naive")


@dataclass(frozen=True)
class Bookmark:
    # updated_at in UTC, YYYY-MM-DDTHH:MM:SS.ffffffZ (or -infinity before the first row).
    updated_at: str
    # The row's primary key.
    id: int


# A bookmark before every row: a fresh poller reports the whole table once.
BEGINNING = Bookmark(updated_at="-infinity", id=-(2**63))


class RowKey(Protocol):
    """The sort key of a row, as the poll query returns it (a ChangedRow has one)."""

    @property
    def updated_at(self) -> str: ...

    @property
    def id(self) -> int: ...


def advance(bookmark: Bookmark, page: Sequence[RowKey]) -> Bookmark:
    """Move the bookmark past a page of rows read in ``(updated_at, id)`` order.

    It becomes the key of the last one. The same in both modes: the naive mode just ignores the
    id when it queries.
    """
    # TODO: an empty page leaves the bookmark where it is; otherwise it becomes the key of the
    # page's last row. Make a new Bookmark from its values: the bookmark outlives the page.
    todo("advance the bookmark past a page of rows", "docs/01-poller.md#the-bookmark")


def compare_bookmarks(a: Bookmark, b: Bookmark) -> int:
    """Order two bookmarks as the keyset query orders rows.

    -1, 0 or 1. The fixed-width UTC text sorts like the timestamps it spells; ``-infinity`` sorts
    first; ids compare as integers.
    """
    if a.updated_at != b.updated_at:
        if a.updated_at == BEGINNING.updated_at:
            return -1
        if b.updated_at == BEGINNING.updated_at:
            return 1
        return -1 if a.updated_at < b.updated_at else 1
    return -1 if a.id < b.id else 1 if a.id > b.id else 0


def describe_bookmark(bookmark: Bookmark) -> str:
    if bookmark.updated_at == BEGINNING.updated_at:
        return "the beginning"
    return f"(updated_at {bookmark.updated_at}, id {bookmark.id})"
