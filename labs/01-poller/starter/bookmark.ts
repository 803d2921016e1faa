import { todo } from '@cdc-lab/common';

/**
 * The poller's position in the table: the sort key of the last row it reported.
 *
 * Rows are read in `(updated_at, id)` order, so that pair names exactly one place in the
 * order. `updated_at` alone does not: every row a transaction writes shares its `now()`, and a
 * page boundary can fall between two of them. The timestamp is kept as text with all six
 * fractional digits — a JavaScript Date holds milliseconds only, and a bookmark rounded down
 * to the millisecond sorts before the row it came from, which is then read again forever.
 */
export interface Bookmark {
  /** `updated_at` in UTC, `YYYY-MM-DDTHH:MM:SS.ffffffZ` (or `-infinity` before the first row). */
  readonly updatedAt: string;
  /** The row's primary key as decimal text: a bigint does not fit a JavaScript number. */
  readonly id: string;
}

/**
 * How a poll compares rows with the bookmark.
 * - `keyset`: `(updated_at, id) > (bookmark)` — the pair, so ties continue where they stopped.
 * - `naive`: `updated_at > bookmark.updatedAt` — what most pollers do; loses the rest of a tie.
 */
export type BookmarkMode = 'keyset' | 'naive';
export const BOOKMARK_MODES: readonly BookmarkMode[] = ['keyset', 'naive'];

/** A bookmark before every row: a fresh poller reports the whole table once. */
export const BEGINNING: Bookmark = { updatedAt: '-infinity', id: '-9223372036854775808' };

/** The sort key of a row, as the poll query returns it. */
export interface RowKey {
  updatedAt: string;
  id: string;
}

/**
 * Move the bookmark past a page of rows read in `(updated_at, id)` order: it becomes the key of
 * the last one. The same in both modes — the naive mode just ignores the id when it queries.
 */
export function advance(bookmark: Bookmark, page: readonly RowKey[]): Bookmark {
  // TODO: an empty page leaves the bookmark where it is; otherwise it becomes the key of the
  // page's last row. Copy the values: the bookmark outlives the page.
  return todo('advance the bookmark past a page of rows', 'docs/01-poller.md#the-bookmark');
}

/**
 * Order two bookmarks as the keyset query orders rows. The fixed-width UTC text sorts like the
 * timestamps it spells; `-infinity` sorts first; ids compare as integers, not as text.
 */
export function compareBookmarks(a: Bookmark, b: Bookmark): -1 | 0 | 1 {
  if (a.updatedAt !== b.updatedAt) {
    if (a.updatedAt === BEGINNING.updatedAt) return -1;
    if (b.updatedAt === BEGINNING.updatedAt) return 1;
    return a.updatedAt < b.updatedAt ? -1 : 1;
  }
  const [x, y] = [BigInt(a.id), BigInt(b.id)];
  return x < y ? -1 : x > y ? 1 : 0;
}

export function describeBookmark(bookmark: Bookmark): string {
  if (bookmark.updatedAt === BEGINNING.updatedAt) return 'the beginning';
  return `(updated_at ${bookmark.updatedAt}, id ${bookmark.id})`;
}
