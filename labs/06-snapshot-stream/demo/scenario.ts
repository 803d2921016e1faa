import { defineDemo, line, lookFor, narrate, showTopic, sql, start, stop, waitFor } from '@cdc-lab/grading/demo';
import type { SeenRecord } from '@cdc-lab/grading';

/**
 * Lab 6's story (docs/06-snapshot-stream.md, Running it and Expected output): a table that
 * already holds rows is read in chunks from an exported snapshot, then the stream takes over at
 * the snapshot's consistent point, so that every row and every change appears exactly once.
 */
const ROWS = 1000;

interface Event {
  op?: string;
  after?: { id?: number } | null;
  before?: { id?: number } | null;
  source?: { snapshot?: string };
}

function events(records: SeenRecord[]): (Event | null)[] {
  return records.map((record) => (record.value === null ? null : (JSON.parse(record.value) as Event)));
}

function describe(record: SeenRecord): string {
  if (record.value === null) return `key=${record.key} null (tombstone)`;
  const event = JSON.parse(record.value) as Event;
  return `key=${record.key} op=${event.op} snapshot=${event.source?.snapshot} after=${JSON.stringify(event.after)}`;
}

export default defineDemo({
  lab: 6,
  title: 'an initial snapshot, then the stream, then a snapshot on request',
  steps: (names) => {
    const topic = `${names.topicPrefix}.snapshot.items`;
    return [
      narrate(`A slot only has the changes made after it was created; the rows already in the table predate it.
        So the program creates the slot with an exported snapshot — the database exactly as of the slot's
        consistent point — reads every table through it in chunks of keys, and then streams from that
        very point. A thousand rows are waiting.`),
      sql(`CREATE SCHEMA snapshot;
CREATE TABLE snapshot.items (id integer PRIMARY KEY, name text NOT NULL, price numeric(10,2) NOT NULL);
INSERT INTO snapshot.items SELECT g, 'item ' || g, g * 0.5 FROM generate_series(1, ${ROWS}) g`),
      start('snapshot', ['--chunk-size', '250', '--signal-schema', 'snapshot'], { ready: line(/^Created slot '.*' at \S+ with exported snapshot /, 'the slot, created with an exported snapshot') }),
      waitFor('snapshot', /^Snapshot of snapshot\.items: \d+ rows in chunks of 250/, 'the snapshot of snapshot.items, in chunks of 250 keys'),
      waitFor('snapshot', /^Snapshot complete: /, 'the snapshot complete'),
      waitFor('snapshot', /^Listening on slot '.*' from \S+ \(consistent point \S+\)/, 'the stream, from the consistent point'),
      lookFor(`the stream starts exactly at the consistent point: what committed before it is in the snapshot,
        what commits after it comes from the slot. No lock was taken; writers went on all along.`),

      narrate('Now three changes, which only the stream can bring.'),
      sql(`INSERT INTO snapshot.items VALUES (${ROWS + 1}, 'new item', 9.99)`),
      sql(`UPDATE snapshot.items SET price = 0.01 WHERE id = 1`),
      sql('DELETE FROM snapshot.items WHERE id = 2'),
      showTopic(topic, {
        atLeast: ROWS + 4,
        show: (records) => [
          describe(records[0]!),
          `… ${ROWS - 2} more op=r events …`,
          ...records.slice(ROWS - 1).map(describe),
        ],
        expect: {
          what: `${ROWS} snapshot reads (op r), then the insert, the update, the delete and its tombstone`,
          problem: (records) => {
            const all = events(records);
            const reads = all.filter((event) => event?.op === 'r');
            const ids = new Set(reads.map((event) => event?.after?.id));
            if (reads.length !== ROWS || ids.size !== ROWS) return `${reads.length} r events for ${ids.size} ids`;
            const streamed = all.slice(ROWS).map((event) => (event ? `${event.op}:${event.after?.id ?? event.before?.id}` : 'tombstone'));
            const wanted = [`c:${ROWS + 1}`, 'u:1', 'd:2', 'tombstone'];
            return JSON.stringify(streamed) === JSON.stringify(wanted) ? undefined : `after the snapshot: ${streamed.join(', ')}`;
          },
        },
      }),
      lookFor(`source.snapshot says where each event came from: "first" and "last" bracket the snapshot,
        "true" in between, "false" for the stream. Each of the thousand rows appears once, and each change
        after the consistent point once — no gap, no overlap.`),

      narrate(`Later, a snapshot on request, without stopping the stream: a row in the signal table asks for one.
        Each chunk is read between two watermarks written through the WAL; any row that changed between
        them is dropped from the chunk, because the stream already carries its newer version.`),
      sql(`INSERT INTO snapshot.cdc_signals (id, type, data)
VALUES ('refill-1', 'execute-snapshot', '{"data-collections": ["snapshot.items"]}')`),
      waitFor('snapshot', /^Incremental snapshot of snapshot\.items requested/, 'the request, read from the WAL like any change'),
      waitFor('snapshot', /^Incremental snapshot of snapshot\.items complete: \d+ rows/, 'the incremental snapshot complete'),
      lookFor(`each chunk line says how many rows it kept, and how many it dropped because the stream changed them
        inside the window. Nothing was written here meanwhile, so none were dropped.`),
      showTopic(topic, {
        atLeast: ROWS + 4 + ROWS,
        show: (records) => [describe(records[ROWS + 4]!), `… ${ROWS - 1} more op=r events, snapshot=incremental …`],
        expect: {
          what: `the table as it is now (${ROWS} rows: one inserted, one deleted), again as op r with snapshot "incremental"`,
          problem: (records) => {
            const again = events(records.slice(ROWS + 4)).filter((event) => event?.op === 'r' && event.source?.snapshot === 'incremental');
            return again.length === ROWS ? undefined : `${again.length} incremental r events`;
          },
        },
      }),
      stop('snapshot'),
    ];
  },
});
