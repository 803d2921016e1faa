/**
 * The decoder and the envelope against a live Postgres rather than frozen bytes: run the
 * fixture workload in a database of its own, peek at the pgoutput slot, and hold the events to
 * the same expectations as the unit tests — so that a change in what Postgres sends (another
 * version, another setting) shows up here and not first in a grader.
 */
import { describe, expect, it } from 'vitest';
import { stackFromSetup, testNames } from '@cdc-lab/grading';
import type { ChangeEvent } from '../src/envelope/index.ts';
import { captureWorkload, type Capture } from './fixtures/workload.ts';
import { EXPECTED_AFTER, expectedNullRow } from './support/expected-rows.ts';
import { decodeCapture, eventsOf, loadFixture, shapeCapture } from './support/fixture.ts';

/** What an event says about the row, without what differs from run to run (positions, times, xids). */
const rowFacts = (event: ChangeEvent) => ({ table: event.table, op: event.value.op, key: event.key, before: event.value.before, after: event.value.after, headers: event.headers });

describe('pgoutput from the running Postgres', () => {
  let live: Capture;
  let events: ChangeEvent[];

  it('captures the workload and decodes every message', async () => {
    live = await captureWorkload(stackFromSetup().DATABASE_URL!, testNames(4, 'pgoutput').database);
    const kinds = new Set(decodeCapture(live).map(({ message }) => message.tag));
    expect([...kinds].sort()).toEqual(['begin', 'commit', 'delete', 'insert', 'message', 'origin', 'relation', 'truncate', 'type', 'update']);
    events = shapeCapture(live);
  }, 60_000);

  for (const table of Object.keys(EXPECTED_AFTER)) {
    it(`maps every column of ${table} as Debezium would`, () => {
      const [withValues, withNulls] = eventsOf(events, table, 'c');
      expect(withValues!.value.after).toEqual(EXPECTED_AFTER[table]);
      expect(withNulls!.value.after).toEqual(expectedNullRow(table));
    });
  }

  it('produces the same events, row for row, as the frozen fixture', () => {
    expect(events.map(rowFacts)).toEqual(shapeCapture(loadFixture()).map(rowFacts));
  });

  it('numbers source.lsn and source.sequence from the live stream', () => {
    const lsns = events.map((event) => event.value.source.lsn!);
    expect(lsns.every((lsn, index) => index === 0 || lsn >= lsns[index - 1]!)).toBe(true);
    expect(events.every((event) => event.value.source.db === live.database)).toBe(true);
  });
});
