import json
import os
import tempfile
import unittest
from pathlib import Path

from cdc_lab import ConfigurationError

from bookmark import Bookmark
from bookmark_store import BookmarkStore

BOOKMARK = Bookmark(updated_at="2026-01-05T10:00:00.123456Z", id=42)


class BookmarkStoreTest(unittest.TestCase):
    def setUp(self) -> None:
        folder = tempfile.TemporaryDirectory(prefix="lab01-store-")
        self.addCleanup(folder.cleanup)
        self.store = BookmarkStore(Path(folder.name) / "state" / "bookmark.state.json")

    def test_has_no_bookmark_before_the_first_save(self) -> None:
        self.assertIsNone(self.store.load())

    def test_gives_back_what_it_saved_creating_its_folder_and_leaving_no_temporary_file(self) -> None:
        self.store.save(BOOKMARK)
        self.assertEqual(self.store.load(), BOOKMARK)
        self.assertEqual(os.listdir(self.store.file.parent), ["bookmark.state.json"])

    def test_writes_the_same_file_as_the_typescript_poller(self) -> None:
        self.store.save(BOOKMARK)
        saved = json.loads(self.store.file.read_text(encoding="utf-8"))
        self.assertEqual((saved["updatedAt"], saved["id"]), (BOOKMARK.updated_at, "42"))
        self.assertIsInstance(saved["savedAt"], str)

    def test_replaces_the_file_with_a_new_one_on_every_save(self) -> None:
        self.store.save(BOOKMARK)
        first = self.store.file.stat().st_ino
        self.store.save(Bookmark(BOOKMARK.updated_at, 43))
        self.assertNotEqual(self.store.file.stat().st_ino, first)
        self.assertEqual(self.store.load(), Bookmark(BOOKMARK.updated_at, 43))

    def test_refuses_a_file_that_is_not_a_bookmark_and_says_what_to_do(self) -> None:
        self.store.file.parent.mkdir(parents=True)
        for text in ["", '{"updatedAt": "x"}', '{"updatedAt": "x", "id": "4.5"}', '{"updatedAt": "x", "id": 4}', "[]", "not json"]:
            with self.subTest(text=text):
                self.store.file.write_text(text, encoding="utf-8")
                with self.assertRaises(ConfigurationError) as caught:
                    self.store.load()
                self.assertIn("delete it", caught.exception.hint or "")


if __name__ == "__main__":
    unittest.main()
