import { check, type Stage } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { BridgeRun } from '../grading/bridge-run.ts';
import { topicOf, waitForRecords } from '../grading/kafka-watch.ts';
import { commit } from '../grading/workload.ts';

const DOCS = 'docs/04-kafka-bridge.md#tail';
const BIG_ID = '9007199254740993';

/**
 * `tail <topic> --from-beginning` prints each record as `key=<key> <value>`, the value cut
 * down to op, ts_ms, before, after and source; a tombstone as `null`; int64s with every digit;
 * and it keeps printing records as they come, until Ctrl-C.
 */
export const tail: Stage = {
  slug: 'tail',
  title: 'tail prints each record as key=<key> {op, ts_ms, before, after, source}, tombstones as null, and follows new ones',
  docs: DOCS,
  async run(ctx) {
    const bridge = await BridgeRun.start(ctx);
    await ctx.db.query('CREATE TABLE accounts (id bigint PRIMARY KEY, owner text NOT NULL)');
    await commit(ctx.db, [`INSERT INTO accounts VALUES (${BIG_ID}, 'Douglas')`]);
    await commit(ctx.db, [`UPDATE accounts SET owner = 'Ada' WHERE id = ${BIG_ID}`]);
    await commit(ctx.db, [`DELETE FROM accounts WHERE id = ${BIG_ID}`]);
    const topic = topicOf(ctx.names.topicPrefix, 'public', 'accounts');
    await waitForRecords(ctx.kafka(), bridge, topic, 4, { what: 'the insert, update, delete and tombstone' });

    const tailing = BridgeRun.launch(ctx, { args: ['tail', topic, '--from-beginning'], label: 'your tail' });
    const key = `{"id":${BIG_ID}}`;
    await tailing.process.waitForLine(`key=${key} null`, {
      what: `the tombstone as "key=${key} null"`,
      hint: 'print each record as key=<key> <value>, and a null value (a tombstone) as null',
      docs: DOCS,
      timeoutMs: 20_000,
    });
    const lines = tailing.process.linesMatching(lineFormats.tailRecord.pattern);
    const expectations = [['c', 'Douglas'], ['u', 'Ada'], ['d', null]] as const;
    for (const [index, [op, owner]] of expectations.entries()) {
      const line = lines[index] ?? '';
      const match = lineFormats.tailEvent.pattern.exec(line);
      const value = match ? (JSON.parse(match[2]!) as Record<string, unknown>) : undefined;
      const image = (op === 'd' ? value?.before : value?.after) as Record<string, unknown> | undefined;
      check(match?.[1] === key && value !== undefined && JSON.stringify(Object.keys(value)) === '["op","ts_ms","before","after","source"]' && value.op === op
        && (owner === null || image?.owner === owner) && match[2]!.includes(`"id":${BIG_ID}`), {
        expected: `line ${index + 1}: key=${key} {"op":"${op}","ts_ms":…,"before":…,"after":…,"source":{…}} — exactly those fields, in that order, the id with every digit`,
        got: line || '(no such line)',
        hint: 'parse the value without losing int64 digits (JSON.parse would turn …993 into …992), then write op, ts_ms, before, after, source',
        docs: DOCS,
        transcript: tailing.transcript(),
      });
    }

    await commit(ctx.db, [`INSERT INTO accounts VALUES (42, 'Grace')`]);
    await tailing.process.waitForLine((line) => line.startsWith('key={"id":42} {"op":"c"'), {
      what: 'a record produced after tail started, printed as it arrives',
      hint: 'keep consuming until Ctrl-C',
      docs: DOCS,
    });
    await tailing.interrupt({ hint: 'on Ctrl-C, disconnect the consumer and exit 0' });
  },
};
