// Broken on purpose: reads updated_at the way node-postgres does by default, as a JavaScript
// Date, which keeps milliseconds only. The bookmark then sorts before the row it came from.
import { fetchPage } from '../../src/poll.ts';
import { runVariant } from './run-variant.ts';

await runVariant({
  fetchPage: async (db, request) => {
    const rows = await fetchPage(db, request);
    return rows.map((row) => ({ ...row, updatedAt: new Date(row.updatedAt).toISOString() }));
  },
});
