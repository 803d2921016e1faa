import unittest

from bookmark import BEGINNING, Bookmark, advance, compare_bookmarks, describe_bookmark
from poll import ChangedRow

T = "2026-01-05T10:00:00.000001Z"


class BookmarkTest(unittest.TestCase):
    def test_moves_to_the_last_row_of_a_page_and_stays_put_after_an_empty_page(self) -> None:
        page = [ChangedRow(id=7, name="a", updated_at=T), ChangedRow(id=9, name="b", updated_at=T)]
        self.assertEqual(advance(BEGINNING, page), Bookmark(T, 9))
        self.assertEqual(advance(Bookmark(T, 9), []), Bookmark(T, 9))

    def test_orders_like_the_keyset_query(self) -> None:
        self.assertEqual(compare_bookmarks(Bookmark(T, 1), Bookmark("2026-01-05T10:00:00.000002Z", 1)), -1)
        self.assertEqual(compare_bookmarks(Bookmark(T, 10), Bookmark(T, 9)), 1)
        self.assertEqual(compare_bookmarks(Bookmark(T, 9), Bookmark(T, 9)), 0)
        self.assertEqual(compare_bookmarks(Bookmark(T, 2**53 + 1), Bookmark(T, 2**53)), 1)

    def test_starts_before_every_row(self) -> None:
        self.assertEqual(compare_bookmarks(BEGINNING, Bookmark("1970-01-01T00:00:00.000000Z", -5)), -1)
        self.assertEqual(compare_bookmarks(Bookmark("1970-01-01T00:00:00.000000Z", -5), BEGINNING), 1)
        self.assertEqual(describe_bookmark(BEGINNING), "the beginning")
        self.assertEqual(describe_bookmark(Bookmark(T, 9)), f"(updated_at {T}, id 9)")


if __name__ == "__main__":
    unittest.main()
