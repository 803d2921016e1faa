import { Lsn } from '@cdc-lab/common';
import { withServerSetting } from '@cdc-lab/grading';
import { check, command, crash, defineDemo, line, lookFor, narrate, showTopic, slotReleased, sql, start, stop, waitFor } from '@cdc-lab/grading/demo';

/**
 * Lab 5's story (docs/05-exactly-once.md, Running it and Expected output): events and position
 * committed in one Kafka transaction, a crash while the slot lags behind Kafka, and a restart
 * that skips what Kafka already has — no change lost, none twice.
 */
const listening = line(/^Listening on slot '/, 'streaming has started');

interface Event {
  op?: string;
  after?: { id?: number; balance?: string } | null;
  before?: { id?: number } | null;
}

function describe(value: string | null): string {
  if (value === null) return 'null';
  const event = JSON.parse(value) as Event;
  return `op=${event.op} after=${JSON.stringify(event.after)}`;
}

/** The two positions `pnpm lab 5 position` prints: Kafka's commit LSN and the slot's confirmed one. */
function positions(output: readonly string[]): { kafka?: string; slot?: string } {
  const kafka = /^Kafka \(.*\): (\S+) #/.exec(output.find((text) => text.startsWith('Kafka (')) ?? '')?.[1];
  const slot = /confirmed up to (\S+)/.exec(output.find((text) => text.startsWith('Slot ')) ?? '')?.[1];
  return { ...(kafka ? { kafka } : {}), ...(slot ? { slot } : {}) };
}

export default defineDemo({
  lab: 5,
  title: 'a crash mid-stream, and no duplicate',
  steps: (names) => {
    const topic = `${names.topicPrefix}.exactly_once.accounts`;
    // wal_sender_timeout 0: Postgres never asks for a status update, so with a status interval of
    // ten minutes nothing the bridge confirms reaches the slot before the crash.
    const quiet = withServerSetting(names.databaseUrl, 'wal_sender_timeout', '0');
    return [
      narrate(`Lab 4 delivered at least once: a crash between Kafka's acknowledgement and the confirmation
        produced a transaction twice. This bridge writes each batch of events and a position record —
        how far it got — in one Kafka transaction, to the events' topics and to an offsets topic. After
        a crash it reads the position from Kafka and skips whatever the slot sends that Kafka already has.`),
      sql(`CREATE SCHEMA exactly_once;
CREATE TABLE exactly_once.accounts (id integer PRIMARY KEY, owner text NOT NULL, balance numeric(12,2) NOT NULL)`),
      narrate(`We start it with a status interval of ten minutes, on a connection whose wal_sender_timeout is 0
        (set in its DATABASE_URL), so that Postgres never asks for a status update either: the slot is told
        nothing while we watch. It will lag behind Kafka, the worst case for a restart.`),
      start('bridge', ['--status-interval', '600000'], { env: { DATABASE_URL: quiet }, ready: listening }),
      sql(`INSERT INTO exactly_once.accounts VALUES (1, 'Ada', 100), (2, 'Grace', 50)`),
      sql(`BEGIN;
UPDATE exactly_once.accounts SET balance = balance - 30 WHERE id = 1;
UPDATE exactly_once.accounts SET balance = balance + 30 WHERE id = 2;
COMMIT;`),
      waitFor('bridge', /^Committed \d+ events? /, 'a Kafka transaction committed: events and position together'),
      showTopic(topic, { atLeast: 4, isolation: 'read_committed', show: (records) => records.map((record) => `key=${record.key} ${describe(record.value)}`) }),
      command('position', ['position'], {
        expect: [
          line(/^Kafka \(.*\): \S+ #\d+ /, 'the position in Kafka: a commit LSN and an index'),
          line(/^Slot '.*': confirmed up to \S+/, 'the slot\'s confirmed position beside it'),
        ],
      }),
      check('Kafka is ahead of the slot', (ctx) => {
        const { kafka, slot } = positions(ctx.output('position'));
        if (!kafka || !slot || !Lsn.parse(kafka).isAfter(Lsn.parse(slot))) ctx.fail({ expected: 'the position in Kafka after the slot\'s', got: `Kafka ${kafka}, slot ${slot}`, program: 'position' });
      }),
      lookFor('Kafka has both transactions; the slot has not heard of them. Now the crash.'),
      crash('bridge'),
      slotReleased(),

      narrate(`The restarted bridge fences older instances, reads the position from the offsets topic, and
        opens the slot — which sends both earlier transactions again.`),
      start('bridge', [], { ready: listening }),
      narrate('A new change, so that the bridge has something to write after what it skips.'),
      sql(`INSERT INTO exactly_once.accounts VALUES (3, 'Barbara', 10)`),
      waitFor('bridge', /^Skipped \d+ change\(s\) Kafka already had/, 'the changes Kafka already had, skipped'),
      waitFor('bridge', /^Committed 1 event /, 'the new change committed'),
      showTopic(topic, {
        atLeast: 5,
        isolation: 'read_committed',
        show: (records) => records.map((record) => `key=${record.key} ${describe(record.value)}`),
        expect: {
          what: 'every change exactly once: two inserts, two updates, one more insert',
          problem: (records) => {
            const seen = records.map((record) => `${record.key} ${describe(record.value)}`);
            const duplicates = seen.filter((event, index) => seen.indexOf(event) !== index);
            if (duplicates.length > 0) return `duplicates: ${duplicates.join(' / ')}`;
            return records.length === 5 ? undefined : `${records.length} records`;
          },
        },
      }),
      lookFor(`five events for five changes: the slot sent the first two transactions twice, the topic holds
        them once. A read_committed consumer sees whole Kafka transactions only, so a crash in the middle
        of one leaves nothing behind.`),
      stop('bridge'),
      command('position', ['position']),
      check('the slot has caught up with the position in Kafka', (ctx) => {
        const { kafka, slot } = positions(ctx.output('position'));
        if (!kafka || !slot || Lsn.parse(slot).isBefore(Lsn.parse(kafka))) ctx.fail({ expected: 'the slot confirmed at or after the position in Kafka', got: `Kafka ${kafka}, slot ${slot}`, program: 'position' });
      }),
    ];
  },
});
