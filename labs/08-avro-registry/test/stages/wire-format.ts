import { check, type Stage } from '@cdc-lab/grading';
import { type Decoded, decimalText, decodeWith, splitFrame } from '../support/avro-read.ts';
import { startBridge, stageRegistry, topicOf } from '../support/bridge.ts';
import { waitForRecords } from '../support/kafka-records.ts';

/**
 * Every key and value in the Confluent wire format: magic byte 0, the 4-byte big-endian id of
 * a schema the registry has (the subject's latest), then an Avro body that decodes with that
 * schema to the row written. A delete keeps lab 4's tombstone: same key, null value.
 */
export const wireFormat: Stage = {
  slug: 'wire-format',
  title: 'writes magic byte, schema id and an Avro body that decodes to the row',
  docs: 'docs/08-avro-registry.md#the-wire-format',
  timeoutMs: 60_000,
  async run(ctx) {
    const registry = stageRegistry(ctx);
    await ctx.db.query('CREATE TABLE "accounts" ("id" integer PRIMARY KEY, "owner" text NOT NULL, "balance" numeric(12,2))');
    const bridge = await startBridge(ctx);
    const balances = [1, 2, 3].map(() => (ctx.random.int(-99_999, 9_999_999) / 100).toFixed(2));
    for (const [index, balance] of balances.entries()) {
      await ctx.db.query('INSERT INTO "accounts" VALUES ($1, $2, $3)', [index + 1, `owner-${ctx.random.int(100, 999)}`, balance]);
    }
    await ctx.db.query('DELETE FROM "accounts" WHERE "id" = 2');
    const topic = topicOf(ctx, 'accounts');
    const records = await waitForRecords(ctx, bridge, topic, 5, 'three inserts, a delete and its tombstone');
    const owners = (await ctx.db.query<{ id: number; owner: string }>('SELECT "id", "owner" FROM "accounts"')).rows;
    const latestValue = await registry.version(`${topic}-value`, 'latest').catch(() => undefined);
    const latestKey = await registry.version(`${topic}-key`, 'latest').catch(() => undefined);
    check(latestValue !== undefined && latestKey !== undefined, {
      expected: `subjects ${topic}-key and ${topic}-value in the registry`,
      got: 'at least one of them missing',
      docs: 'docs/08-avro-registry.md#subjects-ids-and-versions',
    });

    for (const record of records) {
      for (const [part, bytes, latest] of [['key', record.key, latestKey], ['value', record.value, latestValue]] as const) {
        if (part === 'value' && bytes === null) continue; // the tombstone, checked below
        const frame = bytes ? splitFrame(bytes) : undefined;
        check(frame !== undefined && frame.magic === 0, {
          expected: `the ${part} of offset ${record.offset} to start with the magic byte 0`,
          got: bytes ? `bytes ${bytes.subarray(0, 6).toString('hex')}…` : 'no bytes',
          hint: 'byte 0 is the format version, always 0; bytes 1–4 the schema id, big-endian',
        });
        const schema = await registry.schemaById(frame.id);
        check(schema !== undefined, {
          expected: `bytes 1–4 of the ${part} to be the id of a schema in the registry`,
          got: `id ${frame.id}, which GET /schemas/ids/${frame.id} does not know (bytes ${bytes!.subarray(0, 6).toString('hex')})`,
          hint: 'write the id the registry answered to the registration, as a 32-bit big-endian integer (writeUInt32BE)',
        });
        check(frame.id === latest.id, {
          expected: `the ${part}'s schema id to be ${latest.id}, the id of ${latest.subject} version ${latest.version}`,
          got: `id ${frame.id}`,
        });
        let decoded: Decoded;
        try {
          decoded = decodeWith(frame.body, schema);
        } catch (error) {
          check(false, { expected: `the ${part}'s body (after the 5-byte header) to decode with schema ${frame.id}`, got: (error as Error).message });
        }
        if (part === 'key') continue;
        const row = decoded.after ?? decoded.before;
        const id = row?.id as number;
        if (decoded.op === 'c') {
          const want = owners.find((owner) => owner.id === id)?.owner ?? 'owner-(deleted)';
          check(decimalText(row.balance, 2) === balances[id - 1] && (id === 2 || row.owner === want), {
            expected: `row ${id} as inserted: balance ${balances[id - 1]} (decimal bytes, scale 2), owner ${want}`,
            got: `balance ${row.balance ? decimalText(row.balance, 2) : 'null'}, owner ${row.owner}`,
            hint: 'a decimal is the unscaled integer (12.50 → 1250) in two\'s complement, big-endian',
            docs: 'docs/08-avro-registry.md#postgres-types-in-avro',
          });
        }
      }
    }
    const ops = records.map((record) => (record.value === null ? 'tombstone' : 'event'));
    const tombstone = records.findIndex((record) => record.value === null);
    check(tombstone > 0 && records[tombstone]!.key !== null && records[tombstone - 1]!.key?.equals(records[tombstone]!.key!) === true, {
      expected: 'after the delete, a tombstone: the same key bytes, a null value',
      got: ops.join(', '),
      hint: 'lab 4\'s rule still holds: a delete is two records, the event and a tombstone with its key',
      docs: 'docs/08-avro-registry.md#the-wire-format',
    });
  },
};
