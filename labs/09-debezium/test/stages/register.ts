import { check, type Stage } from '@cdc-lab/grading';
import { isEventLine } from '../contract.ts';
import { accountsTable, connectClient, stageNames, startConnector } from '../support.ts';

/**
 * `pnpm lab 9` registers the connector from its settings with this run's names, waits for
 * RUNNING, and shows the snapshot's rows (op r) and then streamed changes (op c).
 */
export const registerStage: Stage = {
  slug: 'register',
  title: 'registers the connector from its settings: snapshot, then streaming',
  docs: 'docs/09-debezium.md#the-connector-settings',
  timeoutMs: 120_000,
  async run(ctx) {
    const names = stageNames(ctx);
    const rows = ctx.random.int(2, 4);
    await accountsTable(ctx, rows);
    const program = await startConnector(ctx);
    const config = await connectClient(ctx).config(names.connector);
    const expected: Record<string, string> = { 'slot.name': names.slot, 'publication.name': names.publication, 'topic.prefix': names.prefix, 'plugin.name': 'pgoutput' };
    for (const [key, value] of Object.entries(expected)) {
      check(config?.[key] === value, {
        expected: `the connector's ${key} to be ${JSON.stringify(value)} (from the environment)`,
        got: JSON.stringify(config?.[key]),
        hint: 'fill slot.name, publication.name and topic.prefix from CDC_SLOT, CDC_PUBLICATION and CDC_TOPIC_PREFIX',
        docs: ctx.stage.docs,
      });
    }
    for (const key of ['heartbeat.interval.ms', 'heartbeat.action.query', 'signal.data.collection']) {
      check(Boolean(config?.[key]) && config?.[key] !== '0', { expected: `the connector to have ${key}`, got: JSON.stringify(config?.[key]), docs: ctx.stage.docs });
    }
    // The connector names its converters: a worker's defaults differ from one installation to the next.
    const json = 'org.apache.kafka.connect.json.JsonConverter';
    for (const [key, value] of [['key.converter', json], ['key.converter.schemas.enable', 'false'], ['value.converter', json], ['value.converter.schemas.enable', 'false']] as const) {
      check(config?.[key] === value, {
        expected: `the connector's ${key} to be ${JSON.stringify(value)}`,
        got: JSON.stringify(config?.[key]),
        hint: 'set the converters on the connector, JSON without the schema envelope, rather than relying on the worker\'s defaults',
        docs: ctx.stage.docs,
      });
    }
    const password = decodeURIComponent(new URL(ctx.db.url).password);
    check(password === '' || ![...program.lines, ...program.errorLines].some((line) => line.includes(password)), {
      expected: 'the database password nowhere in the output', got: 'it was printed', hint: 'print configs through maskSecrets()', docs: ctx.stage.docs,
    });
    const topic = `${names.prefix}.public.accounts`;
    for (let id = 1; id <= rows; id++) {
      await program.waitForLine(isEventLine(topic, 'r', `{"id":${id}}`), { timeoutMs: 30_000, what: `the snapshot event of account ${id} (op=r) in ${topic}`, docs: ctx.stage.docs });
    }
    const id = rows + 1;
    await ctx.db.query('INSERT INTO "accounts" VALUES ($1, $2, $3)', [id, 'streamed', 1]);
    await program.waitForLine(isEventLine(topic, 'c', `{"id":${id}}`, 'false'), { timeoutMs: 30_000, what: `the streamed insert of account ${id} (op=c)`, docs: ctx.stage.docs });
  },
};
