import { check, type Stage } from '@cdc-lab/grading';
import { runCommand, startBridge, stageRegistry, topicOf } from '../support/bridge.ts';
import { waitForRecords } from '../support/kafka-records.ts';

/**
 * `sizes` prints what the bridge measured: per topic the records, their bytes as lab 4's JSON
 * and as Avro. The Avro bytes must be the bytes Kafka holds (key + value, header included);
 * the JSON must be the larger.
 */
export const sizes: Stage = {
  slug: 'sizes',
  title: 'sizes prints JSON against Avro bytes, as measured on the records delivered',
  docs: 'docs/08-avro-registry.md#json-or-avro-the-sizes',
  extension: true,
  timeoutMs: 60_000,
  async run(ctx) {
    stageRegistry(ctx);
    await ctx.db.query('CREATE TABLE "readings" ("id" bigint PRIMARY KEY, "sensor" text NOT NULL, "value" double precision, "taken" timestamptz NOT NULL)');
    const bridge = await startBridge(ctx);
    const rows = ctx.random.int(20, 40);
    await ctx.db.query(`INSERT INTO "readings" SELECT g, 'sensor-' || (g % 7), random() * 100, now() FROM generate_series(1, $1) AS g`, [rows]);
    const topic = topicOf(ctx, 'readings');
    const records = await waitForRecords(ctx, bridge, topic, rows, `${rows} inserts in one transaction`);
    // The bridge writes its tally when it stops (and at most once a second before): give Ctrl-C
    // the time it is given elsewhere, so that a slow stop is not cut short by SIGKILL.
    await bridge.stop(15_000);
    const inKafka = records.reduce((sum, record) => sum + (record.key?.length ?? 0) + (record.value?.length ?? 0), 0);

    const lines = await runCommand(ctx, ['sizes'], 'sizes');
    const line = lines.find((each) => each.startsWith(`${topic} `));
    const numbers = line?.slice(topic.length).trim().split(/\s+/).map(Number);
    check(numbers !== undefined && numbers.length >= 3 && numbers.slice(0, 3).every(Number.isFinite), {
      expected: `a line for ${topic}: <topic> <records> <JSON bytes> <Avro bytes> …`,
      got: lines.join('\n') || 'no output',
    });
    const [count, json, avro] = numbers as [number, number, number];
    check(count === rows, { expected: `${rows} records counted`, got: String(count) });
    check(avro === inKafka, {
      expected: `Avro bytes ${inKafka}: the keys and values Kafka holds for ${topic}, headers included`,
      got: String(avro),
      hint: 'measure the framed bytes you produced, not the Avro bodies alone',
    });
    check(json > avro, { expected: 'more JSON bytes than Avro bytes for the same changes', got: `JSON ${json}, Avro ${avro}` });
  },
};
