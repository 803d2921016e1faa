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

from cdc_lab import ConfigurationError

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
        try:
            text = self.file.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        saved = parse_saved(text)
        if saved is None:
            raise ConfigurationError(
                f"the bookmark file {self.file} is not a bookmark",
                hint="delete it to poll from the beginning again (every row is then reported once more)",
            )
        return Bookmark(updated_at=saved.updated_at, id=saved.id)

    def save(self, bookmark: Bookmark) -> None:
        """Replace the saved bookmark atomically: temporary file, fsync, rename, fsync the folder."""
        directory = self.file.parent
        directory.mkdir(parents=True, exist_ok=True)
        saved = {
            "updatedAt": bookmark.updated_at,
            "id": str(bookmark.id),
            "savedAt": datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        }
        temporary = self.file.with_name(f"{self.file.name}.tmp")
        with open(temporary, "w", encoding="utf-8") as out:
            out.write(json.dumps(saved, indent=2) + "\n")
            # flush() moves Python's buffer to the kernel; fsync() moves the kernel's to the disk.
            # Without both, the rename can reach the disk before the data does.
            out.flush()
            os.fsync(out.fileno())
        # os.replace, not os.rename: it replaces an existing file on every platform.
        os.replace(temporary, self.file)
        _sync_directory(directory)


def _sync_directory(directory: Path) -> None:
    """The rename is an entry in the folder: flush the folder too, or a power cut can undo it."""
    # Windows cannot open a folder for fsync; elsewhere this is what makes the rename durable.
    if sys.platform == "win32":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


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
