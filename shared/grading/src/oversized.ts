import type { TestKafka } from './kafka.ts';
import { check } from './failure.ts';
import type { ConfigResourceTypes } from 'kafkajs';

// ConfigResourceTypes.TOPIC: Node's ESM loader does not see that export of kafkajs (CommonJS).
const TOPIC_RESOURCE = 2 as ConfigResourceTypes;

/**
 * The limit the oversized-event stages set on a topic: small enough that a row of a few tens of
 * kilobytes overflows it once an event carries it twice (before and after, REPLICA IDENTITY
 * FULL), without writing megabytes of WAL per test.
 */
export const SMALL_MESSAGE_LIMIT = 64 * 1024;

/** Create `topic` with max.message.bytes = `limit` before the program does. */
export async function createLimitedTopic(kafka: TestKafka, topic: string, limit = SMALL_MESSAGE_LIMIT): Promise<void> {
  await kafka.createTopic(topic, 1, [{ name: 'max.message.bytes', value: String(limit) }]);
}

/**
 * What an operator does after the error: raise the topic's max.message.bytes. AlterConfigs
 * returns once the controller has the change; the broker applies it when the change reaches it
 * a moment later, and until then it refuses the record again. So the call returns only once the
 * broker reports the new limit: a program started next would otherwise be refused, now and then.
 */
export async function raiseTopicLimit(kafka: TestKafka, topic: string, limit = 1024 * 1024, timeoutMs = 15_000): Promise<void> {
  const admin = await kafka.adminClient();
  await admin.alterConfigs({ validateOnly: false, resources: [{ type: TOPIC_RESOURCE, name: topic, configEntries: [{ name: 'max.message.bytes', value: String(limit) }] }] });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const described = await admin.describeConfigs({ resources: [{ type: TOPIC_RESOURCE, name: topic, configNames: ['max.message.bytes'] }], includeSynonyms: false });
    const now = described.resources[0]?.configEntries.find((entry) => entry.configName === 'max.message.bytes')?.configValue;
    if (now === String(limit)) return;
    if (Date.now() > deadline) throw new Error(`the broker still reports max.message.bytes=${now ?? '?'} for ${topic} ${timeoutMs / 1000} s after it was raised to ${limit}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A text of `bytes` random hex digits: incompressible enough that no codec makes it fit by luck. */
export function bulkyText(bytes: number): string {
  let text = '';
  while (text.length < bytes) text += Math.random().toString(16).slice(2);
  return text.slice(0, bytes);
}

/** Something the error must say, and how to recognise it. */
export interface Mention {
  what: string;
  pattern: RegExp;
}

export interface OversizedReport {
  output: string;
  /** What identifies the refused event: for a change event its table and key. */
  names: Mention[];
  /** The ways out the error must offer besides raising max.message.bytes. */
  remedies?: Mention[];
  limit: number;
  docs: string;
  transcript: string;
}

/** What names a change event of `table` (schema.table) with this key, and the remedy REPLICA IDENTITY FULL calls for. */
export function changeEventMentions(table: string, keyPattern: RegExp): Pick<OversizedReport, 'names' | 'remedies'> {
  const bare = table.split('.').pop()!;
  return {
    names: [{ what: `the table (${table})`, pattern: new RegExp(`\\b${bare}\\b`) }, { what: `the key (${keyPattern.source})`, pattern: keyPattern }],
    remedies: [{ what: 'REPLICA IDENTITY DEFAULT as a remedy', pattern: /REPLICA IDENTITY DEFAULT/i }],
  };
}

/**
 * The error must let someone fix it without reading code: which event, how big it is, what the
 * limit is, and the ways out.
 */
export function checkOversizedReport({ output, names, remedies = [], limit, docs, transcript }: OversizedReport): void {
  const missing = names.filter((name) => !name.pattern.test(output)).map((name) => name.what);
  if (!mentionsSizeAbove(output, limit)) missing.push(`the event's size (more than ${limit} bytes)`);
  if (!mentionsLimit(output, limit)) missing.push(`the limit (max.message.bytes = ${limit})`);
  if (!/max\.message\.bytes/.test(output)) missing.push("the topic's max.message.bytes as a remedy");
  missing.push(...remedies.filter((remedy) => !remedy.pattern.test(output)).map((remedy) => remedy.what));
  check(missing.length === 0, {
    expected: `an error that names ${names.map((name) => name.what).join(', ')}, the event's size, the limit, and the remedies`,
    got: `an error without ${missing.join(', ')}`,
    hint: 'catch the failed send, find the largest record of the refused batch, ask the broker for the topic\'s max.message.bytes, and say all of it',
    docs,
    transcript,
  });
}

/** A number of bytes above the limit, written as bytes ("81,000 bytes", "81000 B") or in kB/KiB/MB. */
function mentionsSizeAbove(output: string, limit: number): boolean {
  for (const match of output.matchAll(/(\d[\d,]*(?:\.\d+)?)\s*(bytes|B|kB|KB|KiB|MB|MiB)\b/g)) {
    const number = Number(match[1]!.replace(/,/g, ''));
    const scale = { bytes: 1, B: 1, kB: 1024, KB: 1024, KiB: 1024, MB: 1024 ** 2, MiB: 1024 ** 2 }[match[2] as 'bytes'];
    if (number * scale > limit) return true;
  }
  return false;
}

/** The limit in bytes (65536 or 65,536) or in kibibytes ("64 kB", "64.0 KiB"). */
function mentionsLimit(output: string, limit: number): boolean {
  if (output.includes(String(limit)) || output.includes(limit.toLocaleString('en-US'))) return true;
  return new RegExp(`\\b${limit / 1024}(\\.0+)?\\s*(kB|KB|KiB)\\b`).test(output);
}
