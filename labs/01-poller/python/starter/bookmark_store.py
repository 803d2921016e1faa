"""The bookmark on disk, so that a restarted poller neither reports old rows again nor skips
rows changed while it was down.

A crash can strike in the middle of a write. Writing the file in place (truncate, then write)
leaves an empty or half-written file behind, and the poller then cannot start, or, worse,
starts from the beginning. So every save writes a temporary file, flushes it to disk, and
renames it over the old one: a rename replaces a name in one step, and a reader sees either the
old bookmark or the new one, never a mixture.

The file is the same as the TypeScript poller's (indented JSON, the id as a string), so both
tracks can share ``.cdc-lab/labs/01``.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from cdc_lab import ConfigurationError, todo

from bookmark import Bookmark


@dataclass(frozen=True)
class SavedBookmark:
    updated_at: str
    id: int
    # Only for people reading the file.
    saved_at: str


class BookmarkStore:
    def __init__(self, file: Path) -> None:
        self.file = file

    def load(self) -> Bookmark | None:
        """The saved bookmark, or None when there is none yet (first run)."""
        # TODO: read self.file. No file means no bookmark yet (FileNotFoundError: return None); a
        # file that parse_saved() rejects is a ConfigurationError whose hint says what to do
        # about it.
        todo("load the saved bookmark", "docs/01-poller.md#saving-the-bookmark")

    def save(self, bookmark: Bookmark) -> None:
        """Replace the saved bookmark atomically: temporary file, fsync, rename, fsync the folder."""
        # TODO: never write self.file in place. Write the bookmark to a temporary file next to
        # it (a name ending in .tmp), get its bytes to the disk (Python's buffer first, then the
        # kernel's), rename it over self.file, then fsync the folder so that the rename is
        # durable too. The folder may not exist yet. Write what parse_saved() reads back:
        # updatedAt, the id as a string, and savedAt.
        todo("save the bookmark atomically", "docs/01-poller.md#saving-the-bookmark")


_ID = re.compile(r"-?\d+")


def parse_saved(text: str) -> SavedBookmark | None:
    """Read a bookmark file's text; None when it is not one."""
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if not isinstance(value, dict):
        return None
    updated_at, id_text, saved_at = value.get("updatedAt"), value.get("id"), value.get("savedAt")
    if not isinstance(updated_at, str) or not isinstance(id_text, str) or not _ID.fullmatch(id_text):
        return None
    return SavedBookmark(updated_at=updated_at, id=int(id_text), saved_at=saved_at if isinstance(saved_at, str) else "")
