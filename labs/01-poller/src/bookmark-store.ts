import fs from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from '@cdc-lab/common';
import type { Bookmark } from './bookmark.ts';

/**
 * The bookmark on disk, so that a restarted poller neither reports old rows again nor skips
 * rows changed while it was down.
 *
 * A crash can strike in the middle of a write. Writing the file in place (truncate, then
 * write) leaves an empty or half-written file behind, and the poller then cannot start — or,
 * worse, starts from the beginning. So every save writes a temporary file, flushes it to disk,
 * and renames it over the old one: rename replaces a name in one step, and a reader sees
 * either the old bookmark or the new one, never a mixture.
 */
export interface SavedBookmark extends Bookmark {
  savedAt: string;
}

export class BookmarkStore {
  constructor(readonly file: string) {}

  /** The saved bookmark, or undefined when there is none yet (first run). */
  load(): Bookmark | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const saved = parseSaved(text);
    if (!saved) {
      throw new ConfigurationError(`the bookmark file ${this.file} is not a bookmark`, {
        hint: 'delete it to poll from the beginning again (every row is then reported once more)',
      });
    }
    return { updatedAt: saved.updatedAt, id: saved.id };
  }

  /** Replace the saved bookmark atomically: temporary file, fsync, rename, fsync the folder. */
  save(bookmark: Bookmark): void {
    const directory = path.dirname(this.file);
    fs.mkdirSync(directory, { recursive: true });
    const saved: SavedBookmark = { updatedAt: bookmark.updatedAt, id: bookmark.id, savedAt: new Date().toISOString() };
    const temporary = `${this.file}.tmp`;
    const fd = fs.openSync(temporary, 'w');
    try {
      fs.writeSync(fd, `${JSON.stringify(saved, null, 2)}\n`);
      // Without this, the rename can reach the disk before the data does.
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, this.file);
    syncDirectory(directory);
  }
}

/** The rename is an entry in the folder: flush the folder too, or a power cut can undo it. */
function syncDirectory(directory: string): void {
  // Windows cannot open a folder for fsync; elsewhere this is what makes the rename durable.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(directory, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Read a bookmark file's text; undefined when it is not one. */
export function parseSaved(text: string): SavedBookmark | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { updatedAt, id, savedAt } = value as Record<string, unknown>;
  if (typeof updatedAt !== 'string' || typeof id !== 'string' || !/^-?\d+$/.test(id)) return undefined;
  return { updatedAt, id, savedAt: typeof savedAt === 'string' ? savedAt : '' };
}
