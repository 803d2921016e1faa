import re
import unittest
from dataclasses import dataclass

from cdc_lab import CdcLabError

from bookmark import BEGINNING, Bookmark, BookmarkMode
from database import Database
from poll import ChangedRow, PageRequest, page_query, poll_once

AFTER = Bookmark(updated_at="2026-01-05T10:00:00.123456Z", id=9)


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\((\w+)\)s", text))


class PageQueryTest(unittest.TestCase):
    def test_compares_the_pair_in_keyset_mode_and_passes_every_value_as_a_parameter(self) -> None:
        query = page_query(PageRequest(after=AFTER, mode="keyset", lag_ms=250, limit=2))
        self.assertRegex(query.text, r'\("updated_at", "id"\) > \(%\(\w+\)s::timestamptz, %\(\w+\)s::bigint\)')
        self.assertRegex(query.text, r'ORDER BY "updated_at", "id"')
        self.assertRegex(query.text, r"now\(\)")
        self.assertEqual(placeholders(query.text), set(query.params))
        self.assertEqual(sorted(map(str, query.params.values())), sorted(["250", AFTER.updated_at, "9", "2"]))
        self.assertNotIn(AFTER.updated_at, query.text)

    def test_compares_updated_at_alone_in_naive_mode(self) -> None:
        query = page_query(PageRequest(after=AFTER, mode="naive", lag_ms=0, limit=2))
        self.assertRegex(query.text, r'WHERE "updated_at" > %\(\w+\)s::timestamptz')
        self.assertEqual(placeholders(query.text), set(query.params))
        self.assertEqual(sorted(map(str, query.params.values())), sorted(["0", AFTER.updated_at, "2"]))


@dataclass(frozen=True)
class Options:
    mode: BookmarkMode = "keyset"
    lag_ms: int = 0
    batch_size: int = 2


class FakeTable:
    """Hands out pages of a list of rows, the way the keyset query would."""

    def __init__(self, rows: list[ChangedRow]) -> None:
        self.rows = rows
        self.requests: list[PageRequest] = []

    def fetch(self, _db: Database, request: PageRequest) -> list[ChangedRow]:
        self.requests.append(request)
        after = [row for row in self.rows if (row.updated_at, row.id) > (request.after.updated_at, request.after.id) or request.after == BEGINNING]
        return after[: request.limit]


def rows(count: int) -> list[ChangedRow]:
    return [ChangedRow(id=index, name=f"r{index}", updated_at="2026-01-05T10:00:00.000001Z") for index in range(1, count + 1)]


class PollOnceTest(unittest.TestCase):
    def test_reads_pages_until_a_short_one_and_counts_every_query(self) -> None:
        for count in range(0, 8):
            with self.subTest(count=count):
                table = FakeTable(rows(count))
                result = poll_once(Database("postgres://unused"), BEGINNING, Options(), table.fetch)
                self.assertEqual([row.id for row in result.rows], list(range(1, count + 1)))
                self.assertEqual(result.queries, count // 2 + 1)
                self.assertEqual(result.bookmark, BEGINNING if count == 0 else Bookmark(result.rows[-1].updated_at, count))

    def test_stops_instead_of_reading_the_same_page_for_ever(self) -> None:
        def same_page(_db: Database, _request: PageRequest) -> list[ChangedRow]:
            return rows(2)

        start = Bookmark("2026-01-05T10:00:00.000001Z", 2)
        with self.assertRaisesRegex(CdcLabError, "did not move the bookmark"):
            poll_once(Database("postgres://unused"), start, Options(), same_page)


if __name__ == "__main__":
    unittest.main()
