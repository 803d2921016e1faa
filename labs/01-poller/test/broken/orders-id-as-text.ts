// Broken on purpose: casts id to text in the select list under its own name, so ORDER BY "id"
// sorts the text ('10' before '9') while the keyset comparison uses the number.
import { pageQuery, type ChangedRow } from '../../src/poll.ts';
import { runVariant } from './run-variant.ts';

await runVariant({
  fetchPage: async (db, request) => {
    const query = pageQuery(request);
    const text = query.text.replace('SELECT "id",', 'SELECT "id"::text AS "id",');
    return (await db.query<ChangedRow>({ text, values: query.values })).rows;
  },
});
