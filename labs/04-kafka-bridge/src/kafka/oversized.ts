import type { Admin, ConfigResourceTypes, TopicMessages } from 'kafkajs';
import { SinkError, formatBytes } from '@cdc-lab/common';
import type { LargestRecord } from '../produce/record-batch.ts';

const TOO_LARGE = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE']);
const DESCRIBE_TIMEOUT_MS = 3_000;
// ConfigResourceTypes.TOPIC: Node's ESM loader does not see that export of kafkajs (CommonJS).
const TOPIC_RESOURCE = 2 as ConfigResourceTypes;

/** A record Kafka refused, as the error names it. */
export interface RefusedRecord {
  topic: string;
  bytes: number;
  /** What it is, in words: "a change event of table public.docs, key {"id":1}". */
  what: string;
}

/**
 * Kafka refuses a record above the topic's max.message.bytes, and no retry will ever change
 * that: the program must stop and say which record it is, how big, what the limit is and what
 * to do. Nothing past it has been confirmed, so once the limit is raised the next run sends it
 * again. `remedies` are the ways out particular to what the record is. Null for any other failure.
 */
export async function explainOversizedRecord(error: unknown, record: RefusedRecord | null, admin: Admin, brokers: readonly string[], remedies: readonly string[] = []): Promise<SinkError | null> {
  if (!record || !isTooLarge(error)) return null;
  const limit = await topicMessageLimit(admin, record.topic);
  if (limit !== null && record.bytes <= limit) return requestTooLarge(error, record, limit);
  const ways = [
    `raise the topic's limit: kafka-configs.sh --bootstrap-server ${brokers[0] ?? '<broker>'} --alter --entity-type topics --entity-name ${record.topic} --add-config max.message.bytes=${suggestedLimit(record.bytes)}`,
    "(a producer with its own maximum request size, such as a Java client's max.request.size, must be raised with it)",
    'compress on the producer, which shrinks what the broker checks (large text values compress well)',
    ...remedies,
  ];
  return new SinkError(
    `Kafka refused ${record.what}: it is ${formatBytes(record.bytes)} (${record.bytes} bytes) and topic ${record.topic} accepts at most ${limit === null ? 'less' : `${formatBytes(limit)} (max.message.bytes = ${limit})`}`,
    {
      cause: error,
      hint: ['nothing from it on was confirmed to Postgres: once Kafka can take it, the next run sends it. Either', ...ways.map((way) => `  ${way}`)].join('\n'),
    },
  );
}

/**
 * The largest record fits the topic's limit, yet Kafka refused: then the request as a whole was
 * too big — a batch that grew past what the broker takes at once. Raising the limit would hide
 * that; the batch must stay below it.
 */
export function requestTooLarge(error: unknown, record: RefusedRecord, limit: number): SinkError {
  return new SinkError(
    `Kafka refused a request to topic ${record.topic} as too large, although its largest record (${record.what}, ${formatBytes(record.bytes)}) fits the topic's limit of ${formatBytes(limit)} (max.message.bytes = ${limit})`,
    {
      cause: error,
      hint: 'the batch as a whole grew past what the broker takes in one request: keep each batch below max.message.bytes (count the bytes as records are added, and send when the next one would not fit). Nothing from it on was confirmed to Postgres, so the next run sends it again',
    },
  );
}

/** explainOversizedRecord for a change event: named by table and key, and REPLICA IDENTITY FULL as a suspect. */
export async function explainOversizedEvent(error: unknown, record: LargestRecord | null, admin: Admin, brokers: readonly string[]): Promise<SinkError | null> {
  if (!record) return null;
  const table = record.origin?.table ?? tableOf(record);
  const key = record.origin?.key ?? describeKey(record.key);
  return explainOversizedRecord(error, { topic: record.topic, bytes: record.bytes, what: `a change event of table ${table}, key ${key}` }, admin, brokers, [
    `or, if ${table} has REPLICA IDENTITY FULL, ALTER TABLE ${table} REPLICA IDENTITY DEFAULT, so that updates and deletes carry the key, not a second copy of the whole row`,
  ]);
}

/** Did Kafka refuse a record (or a request) as too large? */
export function isTooLarge(error: unknown): boolean {
  return TOO_LARGE.has(kafkaErrorType(error) ?? '');
}

/** The biggest record among a produce request's messages (for a batch that does not keep track itself). */
export function largestOf(topicMessages: readonly TopicMessages[]): LargestRecord | null {
  let largest: LargestRecord | null = null;
  for (const { topic, messages } of topicMessages) {
    for (const message of messages) {
      const key = toBuffer(message.key);
      const value = toBuffer(message.value);
      let bytes = (key?.length ?? 0) + (value?.length ?? 0);
      for (const [name, header] of Object.entries(message.headers ?? {})) bytes += Buffer.byteLength(name) + (typeof header === 'string' ? Buffer.byteLength(header) : Buffer.isBuffer(header) ? header.length : 0);
      if (!largest || bytes > largest.bytes) largest = { topic, key, value, bytes, origin: undefined };
    }
  }
  return largest;
}

function toBuffer(data: Buffer | string | null | undefined): Buffer | null {
  if (data === null || data === undefined) return null;
  return typeof data === 'string' ? Buffer.from(data) : data;
}

function kafkaErrorType(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 10; depth += 1) {
    const type = (current as { type?: unknown }).type;
    if (typeof type === 'string') return type;
    current = (current as { originalError?: unknown; cause?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The topic's max.message.bytes (its own or the broker's default); null if the broker does not say in time. */
async function topicMessageLimit(admin: Admin, topic: string): Promise<number | null> {
  const described = admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: TOPIC_RESOURCE, name: topic, configNames: ['max.message.bytes'] }],
  }).then((answer) => Number(answer.resources[0]?.configEntries.find((entry) => entry.configName === 'max.message.bytes')?.configValue));
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), DESCRIBE_TIMEOUT_MS).unref());
  const limit = await Promise.race([described.catch(() => null), timeout]);
  return limit !== null && Number.isFinite(limit) ? limit : null;
}

/** From the event's source block when the value is JSON; otherwise the topic says it (<prefix>.<schema>.<table>). */
function tableOf(record: LargestRecord): string {
  try {
    const source = (JSON.parse(record.value?.toString('utf8') ?? 'null') as { source?: { schema?: unknown; table?: unknown } } | null)?.source;
    if (typeof source?.schema === 'string' && typeof source.table === 'string') return `${source.schema}.${source.table}`;
  } catch {
    // Not JSON (Avro bytes): fall back to the topic name.
  }
  return record.topic.split('.').slice(-2).join('.');
}

function describeKey(key: Buffer | null): string {
  if (key === null) return '(none)';
  const text = key.toString('utf8');
  const printable = Buffer.from(text, 'utf8').equals(key) && !/[\u0000-\u0008\u000e-\u001f]/.test(text);
  if (!printable) return `<${key.length} bytes: ${key.subarray(0, 16).toString('hex')}${key.length > 16 ? '…' : ''}>`;
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Room for the event plus the record batch's overhead, rounded up to a whole MiB. */
function suggestedLimit(bytes: number): number {
  const mib = 1024 * 1024;
  return Math.ceil((bytes + 64 * 1024) / mib) * mib;
}
