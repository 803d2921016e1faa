import { Lsn } from '@cdc-lab/common';
import { check, command, defineDemo, exits, line, lookFor, narrate, showSlot, sql, start, stop, waitFor, type DemoContext } from '@cdc-lab/grading/demo';

/**
 * Lab 8's story (docs/08-avro-registry.md, Running it and Expected output): a table's schemas
 * registered at its first change, a column added while streaming (a new version, old readers
 * still read), and a change the registry refuses: the bridge stops with nothing confirmed, and
 * delivers the held transaction once the rule is relaxed.
 */
const listening = line(/^Listening on slot '/, 'streaming has started');

async function registry(ctx: DemoContext, method: string, route: string): Promise<unknown> {
  const base = ctx.stack.SCHEMA_REGISTRY_URL!.replace(/\/+$/, '');
  const response = await fetch(`${base}${route}`, { method, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) return undefined;
  return response.json().catch(() => undefined);
}

export default defineDemo({
  lab: 8,
  title: 'a schema registered, and evolved while streaming',
  // Subjects outlive topics: the registry keeps them until they are deleted, soft then for good.
  async reset(ctx) {
    const subjects = ((await registry(ctx, 'GET', '/subjects')) ?? []) as string[];
    for (const subject of subjects.filter((name) => name.startsWith(`${ctx.names.topicPrefix}.`))) {
      await registry(ctx, 'DELETE', `/subjects/${encodeURIComponent(subject)}`);
      await registry(ctx, 'DELETE', `/subjects/${encodeURIComponent(subject)}?permanent=true`);
    }
  },
  steps: (names) => {
    const topic = `${names.topicPrefix}.avro.users`;
    const subject = `${topic}-value`;
    return [
      narrate(`An Avro record holds values only, in the order its schema lists them; the schema lives in a
        registry, and five bytes in front of every key and value name its id. The bridge derives a table's
        schemas from the Relation message pgoutput sends before the table's first change, and registers
        them under the rule BACKWARD: a new version must be able to read every older record.`),
      sql(`CREATE SCHEMA avro;
CREATE TABLE avro.users (id integer PRIMARY KEY, name text NOT NULL, balance numeric(10,2))`),
      start('bridge', [], { ready: listening }),
      sql(`INSERT INTO avro.users VALUES (1, 'Ada', 12.50)`),
      waitFor('bridge', `Schema ${subject} version 1 has id `, 'the value schema registered: version 1'),
      waitFor('bridge', /^Kafka acknowledged \d+ records? /, 'the record in Kafka'),

      narrate('A column added while the bridge streams, and a row that uses it.'),
      sql(`ALTER TABLE avro.users ADD COLUMN note text, ADD COLUMN level integer NOT NULL DEFAULT 1;
INSERT INTO avro.users (id, name, note) VALUES (2, 'Grace', 'hello')`),
      waitFor('bridge', `Schema ${subject} version 2 has id `, 'a new version of the value schema, accepted under BACKWARD'),
      waitFor('bridge', /^Kafka acknowledged \d+ records? /, 'the new record in Kafka'),
      command('tail', ['tail', topic, '--from-beginning', '--max-messages', '2'], {
        expect: [
          line('key={"id":1} {"op":"c"', 'Ada, decoded with version 1'),
          line(/key=\{"id":2\} .*"note":"hello","level":1/, 'Grace, decoded with version 2'),
        ],
      }),
      lookFor(`one topic, records of two schemas side by side, each naming its own id. A consumer still built
        on version 1 reads Grace too, through schema resolution: it just does not see note and level.`),

      narrate(`Now a change BACKWARD forbids: level becomes text, and a reader with the new schema could not read
        the integers in every older record. The registry answers 409; the bridge must stop, not skip.`),
      sql(`ALTER TABLE avro.users ALTER COLUMN level TYPE text;
INSERT INTO avro.users (id, name) VALUES (3, 'Barbara')`),
      waitFor('bridge', `refused a new schema for subject ${subject}`, 'the refusal, naming the subject and its rule'),
      exits('bridge', 1, 'the bridge stopped, with exit code 1'),
      showSlot({ remember: 'held' }),
      lookFor(`no record of Barbara was written and nothing of her transaction confirmed: the slot keeps it.
        What to do is a decision, not a retry — here, we decide the consumers can follow.`),
      command('compatibility', ['compatibility', subject, 'NONE'], { expect: [line(`Subject ${subject}: compatibility NONE`, 'the subject\'s rule relaxed')] }),
      start('bridge', [], { ready: listening }),
      waitFor('bridge', `Schema ${subject} version 3 has id `, 'version 3, registered now'),
      waitFor('bridge', /^Kafka acknowledged \d+ records? /, 'the held transaction delivered'),
      stop('bridge'),
      command('tail', ['tail', topic, '--from-beginning', '--max-messages', '3'], {
        expect: [line(/key=\{"id":3\} .*"level":"1"/, 'Barbara, with level as a string')],
      }),
      check('the slot had held Barbara\'s transaction: her change lies after where it stood', (ctx) => {
        const barbara = ctx.output('tail').find((text) => text.startsWith('key={"id":3}'));
        const lsn = /"lsn":(\d+)/.exec(barbara ?? '')?.[1];
        const held = ctx.memory.held;
        if (!lsn || !held || !Lsn.fromBigInt(BigInt(lsn)).isAfter(Lsn.parse(held))) {
          ctx.fail({ expected: `Barbara's change after ${held}, where the slot stood after the refusal`, got: `lsn ${lsn ? Lsn.fromBigInt(BigInt(lsn)).toString() : '(none)'}`, program: 'tail' });
        }
      }),
    ];
  },
});
