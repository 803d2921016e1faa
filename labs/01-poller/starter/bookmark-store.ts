import fs from 'node:fs';
import path from 'node:path';
import { ConfigurationError, todo } from '@cdc-lab/common';
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
    // TODO: read this.file. No file means no bookmark yet (ENOENT → undefined); a file that
    // parseSaved() rejects is a ConfigurationError whose hint says what to do about it.
    return todo('load the saved bookmark', 'docs/01-poller.md#saving-the-bookmark');
  }

  /** Replace the saved bookmark atomically: temporary file, fsync, rename, fsync the folder. */
  save(bookmark: Bookmark): void {
    // TODO: never write this.file in place. Write a temporary file next to it, fsync it,
    // rename it over this.file, then fsync the folder so the rename is durable too.
    todo('save the bookmark atomically', 'docs/01-poller.md#saving-the-bookmark');
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
