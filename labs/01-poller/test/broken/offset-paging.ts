/**
 * Broken on purpose: keeps its place as a count of the rows read so far and pages with OFFSET
 * instead of a keyset bookmark. A DELETE shifts every later row one place back, so after a
 * row is deleted the next new row sits at an offset already passed and is never reported.
 * The deletes-unseen stage must reject it.
 */
import { BEGINNING } from '../../src/bookmark.ts';
import { pageQuery, type ChangedRow } from '../../src/poll.ts';
import { runVariant } from './run-variant.ts';

let rowsAlreadyRead = 0;

await runVariant({
  fetchPage: async (db, request) => {
    const query = pageQuery({ ...request, after: BEGINNING });
    const { rows } = await db.query<ChangedRow>({
      text: `${query.text} OFFSET $${query.values.length + 1}`,
      values: [...query.values, rowsAlreadyRead],
    });
    rowsAlreadyRead += rows.length;
    return rows;
  },
});
