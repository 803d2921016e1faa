import { check, commitRecordOf, commitTransaction, confirmsTransaction, describeExit, slotState, waitForSlotReleased, type Stage } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { startBridge, stageRegistry, topicOf } from '../support/bridge.ts';
import { waitForRecords } from '../support/kafka-records.ts';
import { RegistryProxy } from '../support/registry-proxy.ts';

const DOCS = 'docs/08-avro-registry.md#when-the-registry-is-down';

/**
 * The registry is a dependency of every new schema. Down at start: the bridge says so before it
 * makes a slot. Gone while streaming: the next change that needs a schema cannot be written, so
 * the bridge stops with an error naming the registry, confirms nothing of that transaction, and
 * the next run, with the registry back, delivers it.
 */
export const registryDown: Stage = {
  slug: 'registry-down',
  title: 'a registry that is down, at start or while streaming, stops the bridge with a clear error and nothing confirmed; it resumes once back',
  docs: DOCS,
  extension: true,
  timeoutMs: 90_000,
  async run(ctx) {
    stageRegistry(ctx);
    const registryUrl = ctx.stack.SCHEMA_REGISTRY_URL!;
    await ctx.db.query('CREATE TABLE "before_outage" ("id" integer PRIMARY KEY)');
    await ctx.db.query('CREATE TABLE "during_outage" ("id" integer PRIMARY KEY, "note" text)');

    const proxy = await RegistryProxy.start(registryUrl);
    await proxy.shut();
    const refused = ctx.start({ env: { SCHEMA_REGISTRY_URL: proxy.url }, label: 'bridge (registry down)' });
    const exit = await refused.waitForExit({ timeoutMs: 20_000, what: 'the bridge to stop when the registry does not answer at start', docs: DOCS });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const said = [...refused.lines, ...refused.errorLines].join('\n');
    check(exit.code !== 0 && lineFormats.registryUnreachable.pattern.test(said) && said.includes(proxy.url), {
      expected: `a non-zero exit and an error naming the schema registry at ${proxy.url}`,
      got: describeExit(exit),
      hint: 'ask the registry something (its /config, say) before making the slot, and say which address did not answer',
      docs: DOCS,
      transcript: refused.transcript(),
    });
    const early = await ctx.db.slots();
    check(early.length === 0, { expected: 'no slot made while the registry is down', got: early.map((slot) => slot.slot_name).join(', '), docs: DOCS });

    const live = await RegistryProxy.start(registryUrl);
    ctx.onCleanup(() => live.shut().catch(() => {}));
    const viaProxy = ctx.start({ args: ['--status-interval', '100'], env: { SCHEMA_REGISTRY_URL: live.url }, label: 'bridge (registry through a proxy)' });
    await viaProxy.waitForLine(lineFormats.listening.pattern, { timeoutMs: 30_000, what: "the bridge's line Listening on slot '<slot>'..." });
    await ctx.db.query('INSERT INTO "before_outage" VALUES (1)');
    await waitForRecords(ctx, viaProxy, topicOf(ctx, 'before_outage'), 1, 'the insert while the registry answers');

    await live.shut();
    const held = await commitTransaction(ctx.db, async (client) => {
      await client.query('INSERT INTO "during_outage" VALUES (1, \'held\')');
    });
    const stopped = await viaProxy.waitForExit({ timeoutMs: 30_000, what: 'the bridge to stop once the registry stopped answering and a change needed a new schema', docs: DOCS });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const outage = [...viaProxy.lines, ...viaProxy.errorLines].join('\n');
    check(stopped.code !== 0 && lineFormats.registryUnreachable.pattern.test(outage) && outage.includes(live.url), {
      expected: `a non-zero exit and an error naming the schema registry at ${live.url}`,
      got: describeExit(stopped),
      docs: DOCS,
      transcript: viaProxy.transcript(),
    });
    await waitForSlotReleased(ctx.db, { slot: ctx.names.slot, process: viaProxy, label: 'the bridge', docs: DOCS, drained: async () => {}, transcript: () => viaProxy.transcript() });
    const confirmed = (await slotState(ctx.db, ctx.names.slot))?.confirmedFlushLsn;
    const heldCommit = await commitRecordOf(ctx.db, held);
    check(!confirmsTransaction(confirmed, heldCommit), {
      expected: `the slot's confirmed_flush_lsn to stay at or before ${heldCommit.start.toString()}, where the commit record of transaction ${held.xid} starts`,
      got: `confirmed_flush_lsn ${confirmed?.toString() ?? 'null'}: the change that had no schema was confirmed anyway`,
      docs: DOCS,
    });

    const again = await startBridge(ctx);
    await waitForRecords(ctx, again, topicOf(ctx, 'during_outage'), 1, 'the held change, once the registry is back');
    again.signal('SIGINT');
    await again.waitForExit({ timeoutMs: 15_000, what: 'the bridge to stop on Ctrl-C' });
  },
};
