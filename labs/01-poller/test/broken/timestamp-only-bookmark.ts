// Broken on purpose: the "keyset" query compares updated_at alone, so a page that ends in the
// middle of rows sharing one timestamp loses the rest of them.
import { pageQuery, type ChangedRow } from '../../src/poll.ts';
import { runVariant } from './run-variant.ts';

await runVariant({
  fetchPage: async (db, request) => (await db.query<ChangedRow>(pageQuery({ ...request, mode: 'naive' }))).rows,
});
