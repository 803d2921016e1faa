/**
 * Broken on purpose: never hands the bookmark to the query, so every poll reads the whole
 * table from the beginning. It reports every row again on every poll and its load grows with
 * the table — and a row that commits late is reported too, which no updated_at bookmark can
 * do. The late-commit stage must reject it.
 */
import { BEGINNING } from '../../src/bookmark.ts';
import { pollOnce } from '../../src/poll.ts';
import { runVariant } from './run-variant.ts';

await runVariant({
  pollOnce: (db, _bookmark, options, fetch) => pollOnce(db, BEGINNING, options, fetch),
});
