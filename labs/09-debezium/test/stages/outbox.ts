import { check, LabProcess, type Stage } from '@cdc-lab/grading';
import { fileTarget } from '@cdc-lab/workbook';
import { repoRoot } from '@cdc-lab/harness';
import path from 'node:path';
import { lineFormats, runningText } from '../contract.ts';
import { isolateConnectors, stageNames } from '../support.ts';

const lab7 = () => fileTarget(path.join(repoRoot(), 'labs/07-outbox/src/main.ts'), "lab 7's reference");

/**
 * Debezium's outbox event router on lab 7's outbox, beside lab 7's own relay (run as a black
 * box on a slot of its own): for every event lab 7's service commits, both must write a record
 * to the same topic name (under each prefix), with the same key, value and headers id and type.
 */
export const outboxStage: Stage = {
  slug: 'outbox-router',
  title: 'the outbox event router makes the records lab 7\'s relay makes',
  docs: 'docs/09-debezium.md#the-outbox-event-router',
  timeoutMs: 150_000,
  async run(ctx) {
    const names = stageNames(ctx);
    const lab7Prefix = `${names.prefix}-lab07`;
    await isolateConnectors(ctx, [names.outboxConnector], [`${names.slot}_outbox`, `${names.slot}_lab07`]);
    const env = { ...ctx.programEnv, CDC_SLOT: `${names.slot}_lab07`, CDC_PUBLICATION: `${names.publication}_lab07`, CDC_TOPIC_PREFIX: lab7Prefix };
    const relay = LabProcess.start(lab7(), { args: ['relay'], env, label: "lab 7's relay" });
    ctx.onCleanup(() => relay.kill().then(() => undefined));
    await relay.waitForLine(`Listening on slot '${env.CDC_SLOT}'...`, { timeoutMs: 60_000, what: "lab 7's relay to stream" });
    const program = ctx.start({ args: ['outbox'], label: 'your program (outbox)' });
    await program.waitForLine(runningText(names.outboxConnector), { timeoutMs: 90_000, what: 'the outbox connector RUNNING', docs: ctx.stage.docs });
    const demo = LabProcess.start(lab7(), { args: ['demo', '--orders', String(ctx.random.int(3, 5))], env, label: "lab 7's service (demo)" });
    ctx.onCleanup(() => demo.kill().then(() => undefined));
    await demo.waitForExit({ timeoutMs: 30_000, what: "lab 7's demo to finish" });
    const committed = demo.lines.map((line) => lineFormats.lab7Event.pattern.exec(line)).filter((match) => match !== null).map((match) => match[2]!);
    check(committed.length > 0, { expected: "lab 7's demo to commit events", got: demo.transcript(), docs: ctx.stage.docs });
    const topic = (prefix: string) => `${prefix}.outbox.event.order`;
    const kafka = ctx.kafka();
    const ours = await kafka.waitForRecords(topic(names.prefix), committed.length, { timeoutMs: 60_000, isolation: 'read_committed', what: `the ${committed.length} committed events routed by Debezium` });
    const theirs = await kafka.waitForRecords(topic(lab7Prefix), committed.length, { timeoutMs: 60_000, what: `the ${committed.length} events relayed by lab 7` });
    for (const id of committed) {
      const a = ours.filter((record) => record.headers.id === id);
      const b = theirs.find((record) => record.headers.id === id);
      check(a.length === 1 && b !== undefined, { expected: `event ${id} once in ${topic(names.prefix)} and in lab 7's topic`, got: `${a.length} and ${b ? 1 : 0}`, docs: ctx.stage.docs, transcript: program.transcript() });
      for (const [what, left, right] of [['key', a[0]!.key, b!.key], ['value', a[0]!.value, b!.value], ['header type', a[0]!.headers.type, b!.headers.type]] as const) {
        check(left === right, {
          expected: `event ${id}'s ${what} as lab 7's relay writes it: ${right}`,
          got: String(left),
          hint: 'key and value through StringConverter; the type column as a header (table.fields.additional.placement=type:header:type)',
          docs: ctx.stage.docs,
        });
      }
    }
  },
};
