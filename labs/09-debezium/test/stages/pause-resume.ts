import { check, commitRecordOf, commitTransaction, confirmsTransaction, slotState, type CommittedTransaction, type Stage } from '@cdc-lab/grading';
import { isEventLine } from '../contract.ts';
import { accountsTable, connectClient, runToEnd, stageNames, startConnector } from '../support.ts';

/** How long, at least, the grader watches Kafka for changes that must not arrive while paused. */
const PAUSED_WATCH_MS = 8_000;

/**
 * `pnpm lab 9 pause` stops the connector's task without losing its place: changes made while it
 * is paused reach neither Kafka nor the slot's confirmed position; `resume` delivers every one.
 * The watch while paused is bounded: at least 8 s, and at least three times what the same
 * connector took to deliver a change just before (on a slow machine it is given longer).
 */
export const pauseResumeStage: Stage = {
  slug: 'pause-resume',
  extension: true,
  title: 'pause stops delivery and keeps the slot where it was; resume delivers what was written meanwhile',
  docs: 'docs/09-debezium.md#pausing-and-resuming',
  timeoutMs: 180_000,
  async run(ctx) {
    const names = stageNames(ctx);
    const topic = `${names.prefix}.public.accounts`;
    await accountsTable(ctx, 1);
    const program = await startConnector(ctx);
    await program.waitForLine(isEventLine(topic, 'r', '{"id":1}'), { timeoutMs: 30_000, what: 'the snapshot event of account 1', docs: ctx.stage.docs });

    // A change while running, timed: how long this connector takes to deliver one here.
    const wrote = Date.now();
    await ctx.db.query('INSERT INTO "accounts" VALUES (2, $1, 1)', ['before pause']);
    await program.waitForLine(isEventLine(topic, 'c', '{"id":2}'), { timeoutMs: 30_000, what: 'account 2, inserted while running', docs: ctx.stage.docs });
    const deliveryMs = Date.now() - wrote;

    await runToEnd(ctx, ['pause'], 'pause the connector', 'PUT /connectors/<name>/pause, then wait until the connector and its task are PAUSED');
    const before = (await slotState(ctx.db, names.slot))?.confirmedFlushLsn;
    const paused = Array.from({ length: ctx.random.int(3, 6) }, (_, index) => 3 + index);
    const written: CommittedTransaction[] = [];
    for (const id of paused) written.push(await commitTransaction(ctx.db, async (client) => {
      await client.query('INSERT INTO "accounts" VALUES ($1, $2, 1)', [id, 'while paused']);
    }));
    // Confirming a change made while paused means: a restart would skip it. Postgres skips a
    // transaction whose commit record starts before the confirmed position, so the first
    // paused insert's commit record decides — not a WAL position read before it.
    const firstPaused = await commitRecordOf(ctx.db, written[0]!);

    const watchMs = Math.min(20_000, Math.max(PAUSED_WATCH_MS, 3 * deliveryMs));
    const kafka = ctx.kafka();
    const deadline = Date.now() + watchMs;
    for (;;) {
      const leaked = (await kafka.readTopic(topic, { isolation: 'read_committed', quietMs: 500 }))
        .filter((record) => paused.some((id) => record.key === `{"id":${id}}`));
      check(leaked.length === 0, {
        expected: `none of accounts ${paused.join(', ')}, inserted while paused, in ${topic} (watched for ${(watchMs / 1000).toFixed(0)} s)`,
        got: `${leaked.length} record(s) of them while paused, e.g. key ${leaked[0]?.key}: the connector went on reading`,
        hint: 'pause with PUT /connectors/<name>/pause and wait until the connector and its task report PAUSED',
        docs: ctx.stage.docs,
        transcript: program.transcript(),
      });
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }

    const slot = await slotState(ctx.db, names.slot);
    check(slot !== undefined && !confirmsTransaction(slot.confirmedFlushLsn, firstPaused), {
      expected: `slot '${names.slot}' confirmed no further than ${firstPaused.start.toString()}, where the commit record of account ${paused[0]}'s insert, the first made while paused, starts (it was at ${before?.toString() ?? '-'} when the connector was paused)`,
      got: slot ? `confirmed up to ${slot.confirmedFlushLsn?.toString() ?? 'null'}: changes made while paused were confirmed` : 'no slot',
      hint: 'a paused task is not polled and commits no offsets, so Debezium confirms nothing: pause, do not restart or reconfigure',
      docs: ctx.stage.docs,
    });
    const status = await connectClient(ctx).status(names.connector);
    check(status?.connector.state === 'PAUSED' && status.tasks.every((task) => task.state === 'PAUSED'), {
      expected: `connector '${names.connector}' and its task PAUSED in Kafka Connect`,
      got: status ? `connector ${status.connector.state}, tasks ${status.tasks.map((task) => task.state).join(', ') || 'none'}` : 'not registered',
      docs: ctx.stage.docs,
    });

    await runToEnd(ctx, ['resume'], 'resume the connector', 'PUT /connectors/<name>/resume, then wait until the connector and its task are RUNNING');
    const total = 2 + paused.length;
    const records = await kafka.waitForRecords(topic, total, { timeoutMs: 60_000, isolation: 'read_committed', what: `all ${total} accounts, the ${paused.length} inserted while paused too, after resume` });
    const keys = records.map((record) => record.key);
    const missing = paused.filter((id) => !keys.includes(`{"id":${id}}`));
    const duplicated = keys.filter((key, index) => keys.indexOf(key) !== index);
    check(missing.length === 0 && duplicated.length === 0, {
      expected: `each account inserted while paused once in ${topic} after resume`,
      got: `missing: ${missing.join(', ') || 'none'}; twice: ${duplicated.join(' ') || 'none'}`,
      hint: 'resume goes on from the last committed offset: nothing written meanwhile may be lost',
      docs: ctx.stage.docs,
    });
  },
};
