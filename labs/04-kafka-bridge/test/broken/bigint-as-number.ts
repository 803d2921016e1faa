/**
 * Broken on purpose: writes records with JSON.stringify, turning each bigint into a JavaScript
 * number on the way (JSON.stringify refuses bigints). Numbers are doubles: a bigint key or
 * column beyond 2^53 arrives one off — 9007199254740993 as 9007199254740992 — and two rows can
 * end up with the same key. The types stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import type { KafkaRecordDraft, SerializedRecord } from '../../src/envelope/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

const bigintAsNumber = (_name: string, value: unknown): unknown => (typeof value === 'bigint' ? Number(value) : value);

function serializeWithJsonStringify(record: KafkaRecordDraft): SerializedRecord {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(record.headers)) headers[name] = JSON.stringify(value, bigintAsNumber);
  return {
    topic: record.topic,
    key: record.key === null ? null : JSON.stringify(record.key, bigintAsNumber),
    value: record.value === null ? null : JSON.stringify(record.value, bigintAsNumber),
    headers,
  };
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, serializeRecord: serializeWithJsonStringify }));
