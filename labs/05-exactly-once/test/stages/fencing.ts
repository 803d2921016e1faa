import { check, describeExit, type Stage } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { BridgeRun } from '../support/bridge-run.ts';
import { expectExactlyOnce } from '../support/exactly-once.ts';
import { sleep } from '../support/wait.ts';
import { Workload } from '../support/workload.ts';

const DOCS = 'docs/05-exactly-once.md#fencing';
const TAKEOVER_TIMEOUT_MS = 20_000;

/**
 * Two instances with one transactional id: the second fences the first when it starts. The
 * first learns it at its next Kafka transaction, and must stop with a message saying so; the
 * second, once the slot is free, carries on from the position in Kafka. Changes keep coming
 * all along, so the first one has transactions to fail.
 */
export const fencing: Stage = {
  slug: 'fencing',
  title: 'a second instance with the same transactional id fences the first, which stops saying so',
  docs: DOCS,
  timeoutMs: 90_000,
  async run(ctx) {
    const first = await BridgeRun.start(ctx, { label: 'the first instance', args: ['--status-interval', '200'] });
    await Workload.createTables(ctx.db);
    const workload = new Workload();
    const kafka = ctx.kafka();
    const client = await ctx.db.connect();
    try {
      for (const size of [3, 20, 1]) await workload.commit(client, workload.plan(ctx.random, size));
      await expectExactlyOnce(kafka, workload, {
        topicPrefix: ctx.names.topicPrefix, timeoutMs: 20_000, what: 'the first transactions, from the first instance',
        hint: 'write each batch of events in a Kafka transaction and commit it', docs: DOCS, transcript: () => first.transcript(),
      });

      const second = BridgeRun.launch(ctx, { label: 'the second instance', args: ['--status-interval', '200'] });
      const deadline = Date.now() + TAKEOVER_TIMEOUT_MS;
      while (!first.process.hasExited && Date.now() < deadline) {
        await workload.commit(client, workload.plan(ctx.random, ctx.random.int(1, 5)));
        await sleep(250);
      }
      check(first.process.hasExited, {
        expected: `the first instance to stop within ${TAKEOVER_TIMEOUT_MS / 1000} s of a second one starting with the same CDC_TRANSACTIONAL_ID, while changes kept coming`,
        got: 'it kept running (and writing)',
        hint: 'use a transactional producer whose transactionalId is CDC_TRANSACTIONAL_ID: a new instance\'s InitProducerId fences the old one, whose next send or commit fails with INVALID_PRODUCER_EPOCH or PRODUCER_FENCED — then stop',
        docs: DOCS,
        transcript: first.transcript(),
      });
      const exit = await first.process.exited;
      await sleep(100);
      check(exit.code !== 0 && exit.code !== null && lineFormats.fenced.pattern.test(first.output()), {
        expected: 'the first instance to exit with a non-zero code and a message that says it was fenced',
        got: `${describeExit(exit)}${lineFormats.fenced.pattern.test(first.output()) ? '' : ', and no message with the word "fenced"'}`,
        hint: 'turn INVALID_PRODUCER_EPOCH / PRODUCER_FENCED into an error that names the transactional id and says another instance took over',
        docs: DOCS,
        transcript: first.transcript(),
      });

      await second.listening();
      for (const size of [2, 7]) await workload.commit(client, workload.plan(ctx.random, size));
      await expectExactlyOnce(kafka, workload, {
        topicPrefix: ctx.names.topicPrefix, timeoutMs: 30_000, what: 'every transaction, through the takeover',
        hint: 'the new instance fences first, then reads the position (nothing older can commit after that), then skips what Kafka has',
        docs: DOCS, transcript: () => second.transcript(),
      });
      check(!second.process.hasExited, {
        expected: 'the second instance to keep running',
        got: 'it exited',
        docs: DOCS,
        transcript: second.transcript(),
      });
    } finally {
      await client.end();
    }
  },
};
