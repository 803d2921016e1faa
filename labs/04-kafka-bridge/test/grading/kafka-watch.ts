import { fail, trimmed, type SeenRecord, type TestKafka } from '@cdc-lab/grading';
import type { BridgeRun } from './bridge-run.ts';
import { waitFor } from '@cdc-lab/grading';

/** A change event's value, as JSON.parse reads it (int64 fields beyond 2^53 are checked as text). */
export interface EventValue {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  source: Record<string, unknown>;
  transaction: unknown;
  op: string;
  ts_ms: number;
}

/** A record with its value parsed; `event` is null for a tombstone. */
export interface GradedRecord extends SeenRecord {
  event: EventValue | null;
}

export function topicOf(prefix: string, schema: string, table: string): string {
  return `${prefix}.${schema}.${table}`;
}

/** Records in a topic (sum of end offsets): cheap enough to poll. */
export async function recordCount(kafka: TestKafka, topic: string): Promise<number> {
  if (!(await kafka.topicExists(topic))) return 0;
  const offsets = await kafka.endOffsets(topic);
  return offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
}

/**
 * Whether an error is Kafka's answer (kafkajs names its errors KafkaJS…). While a wait polls, such
 * an answer — a partition between leaders, a topic being made again, a broker taking its
 * partitions back after a pause — means "not yet", not a verdict: the wait's deadline still holds.
 */
export function isKafkaAnswer(error: unknown): error is Error {
  return error instanceof Error && error.name.startsWith('KafkaJS');
}

/** Wait until `topic` holds at least `count` records, then read them all (partition by partition, in offset order). */
export async function waitForRecords(kafka: TestKafka, run: BridgeRun, topic: string, count: number, report: { what: string; hint?: string; timeoutMs?: number; docs?: string }): Promise<GradedRecord[]> {
  let seen = 0;
  let refusal: string | undefined;
  await waitFor(run, async () => {
    try {
      seen = await recordCount(kafka, topic);
      refusal = undefined;
    } catch (error) {
      if (!isKafkaAnswer(error)) throw error;
      refusal = error.message;
      return undefined;
    }
    return seen >= count ? true : undefined;
  }, {
    expected: `${report.what}: ${count} record(s) in topic ${topic}`,
    got: () => `${seen} record(s)${refusal ? ` (Kafka's last answer to the grader: ${refusal})` : ''}`,
    hint: report.hint,
    docs: report.docs,
    timeoutMs: report.timeoutMs ?? 15_000,
    pollMs: 100,
  });
  return readRecords(kafka, topic);
}

export async function readRecords(kafka: TestKafka, topic: string): Promise<GradedRecord[]> {
  if (!(await kafka.topicExists(topic))) return [];
  const records = await kafka.readTopic(topic);
  return records.map((record) => ({ ...record, event: parseValue(record) }));
}

function parseValue(record: SeenRecord): EventValue | null {
  if (record.value === null) return null;
  try {
    return JSON.parse(record.value) as EventValue;
  } catch {
    fail({ expected: `record values in ${record.topic} to be JSON change events`, got: `offset ${record.offset}: ${trimmed(record.value, 200)}` });
  }
}

/** A short description of records for messages: "c {"id":1}, d {"id":1}, tombstone {"id":1}". */
export function describeRecords(records: readonly GradedRecord[], max = 12): string {
  const shown = records.slice(0, max).map((record) => `${record.event ? record.event.op : 'tombstone'} ${record.key ?? 'null'}`);
  return `${shown.join(', ')}${records.length > max ? `, … (${records.length} in all)` : ''}` || '(none)';
}

/**
 * Wait until the records of `topic` satisfy `done` (typically: a marker written last has
 * arrived), reading the topic again only when its record count has changed. Use it when the
 * number of records is what is being graded.
 */
export async function waitUntilRecords(kafka: TestKafka, run: BridgeRun, topic: string, done: (records: GradedRecord[]) => boolean, report: { what: string; hint?: string; timeoutMs?: number; docs?: string }): Promise<GradedRecord[]> {
  let count = 0;
  let records: GradedRecord[] = [];
  let refusal: string | undefined;
  await waitFor(run, async () => {
    try {
      const now = await recordCount(kafka, topic);
      if (now === count) return undefined;
      records = await readRecords(kafka, topic);
      count = now;
      refusal = undefined;
    } catch (error) {
      if (!isKafkaAnswer(error)) throw error;
      refusal = error.message;
      return undefined;
    }
    return done(records) ? true : undefined;
  }, {
    expected: `${report.what} in topic ${topic}`,
    got: () => `${describeRecords(records, 20)}${refusal ? ` (Kafka's last answer to the grader: ${refusal})` : ''}`,
    hint: report.hint,
    docs: report.docs,
    timeoutMs: report.timeoutMs ?? 15_000,
    pollMs: 100,
  });
  return records;
}
