import type pg from 'pg';
import { CdcLabError, todo } from '@cdc-lab/common';
import { advance, compareBookmarks, describeBookmark, type Bookmark, type BookmarkMode } from './bookmark.ts';

/** A row as the poller reports it. */
export interface ChangedRow {
  id: string;
  name: string;
  /** UTC with microseconds, exactly as the bookmark keeps it. */
  updatedAt: string;
}

export interface PageRequest {
  after: Bookmark;
  mode: BookmarkMode;
  /** Leave rows younger than this alone: they may still have older siblings not yet committed. */
  lagMs: number;
  limit: number;
}

/**
 * Columns the poller reads. `updated_at` leaves Postgres as fixed-width UTC text with all six
 * fractional digits: node-postgres would turn a timestamptz into a Date and drop the
 * microseconds, and the bookmark has to be exact. (`id` arrives as a string already, the way
 * node-postgres hands over every bigint. Casting it in SQL instead would be a trap: an
 * ORDER BY "id" would then sort the text output column, where '10' comes before '9'.)
 */
const SELECT_ROWS = `SELECT "id", "name",
       to_char("updated_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "updatedAt"
  FROM "poller"."users"`;

export interface Query {
  text: string;
  values: unknown[];
}

/** The query for the page after `request.after`: text and parameters. */
export function pageQuery(request: PageRequest): Query {
  // TODO: SELECT_ROWS, then
  //   - only rows after request.after: in keyset mode the pair (updated_at, id), in naive
  //     mode updated_at alone (the naive mode exists to show what it loses);
  //   - only rows whose updated_at is at least request.lagMs old, by the database's clock;
  //   - in bookmark order, at most request.limit of them.
  // Pass every value as a parameter ($1, $2, …), never spliced into the text.
  return todo('the keyset query', 'docs/01-poller.md#the-keyset-query');
}

/** One page of changed rows: a single query. */
export async function fetchPage(db: pg.Pool, request: PageRequest): Promise<ChangedRow[]> {
  const result = await db.query<ChangedRow>(pageQuery(request));
  return result.rows;
}

export type FetchPage = typeof fetchPage;

export interface PollResult {
  rows: ChangedRow[];
  /** Where the next poll starts. */
  bookmark: Bookmark;
  /** Queries this poll sent: one per page, including the last, short or empty, one. */
  queries: number;
}

export interface PollOptions {
  mode: BookmarkMode;
  lagMs: number;
  batchSize: number;
}

/**
 * One poll: read pages until one comes back short, moving the bookmark after each page. A
 * full page means there may be more, so a poll that finds exactly `batchSize` rows pays for
 * one more (empty) query — part of the load the poller reports.
 */
export async function pollOnce(db: pg.Pool, from: Bookmark, options: PollOptions, fetch: FetchPage = fetchPage): Promise<PollResult> {
  const rows: ChangedRow[] = [];
  let bookmark = from;
  let queries = 0;
  for (;;) {
    const page = await fetch(db, { after: bookmark, mode: options.mode, lagMs: options.lagMs, limit: options.batchSize });
    queries += 1;
    rows.push(...page);
    const next = advance(bookmark, page);
    if (page.length > 0 && compareBookmarks(next, bookmark) <= 0) {
      // A query with >= instead of >, or a bookmark that lost precision, reads the same page
      // again and again; stop here rather than spin.
      throw new CdcLabError(`a page of rows did not move the bookmark past ${describeBookmark(bookmark)}`, {
        hint: 'the query must return only rows strictly after the bookmark (>, not >=), and the bookmark must keep updated_at to the microsecond',
      });
    }
    bookmark = next;
    if (page.length < options.batchSize) return { rows, bookmark, queries };
  }
}
