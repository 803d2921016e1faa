import { fail, type SeenRecord, type TestKafka } from '@cdc-lab/grading';
import { readCommittedTopic } from './topics.ts';
import { TABLES, type Workload } from './workload.ts';

/** The name of one record, as workload.ts names changes: `accounts:7` and `u3`. */
export function recordName(record: SeenRecord, topicPrefix: string): { key: string; name: string } {
  const table = record.topic.slice(`${topicPrefix}.public.`.length);
  let id: unknown;
  try {
    id = (JSON.parse(record.key ?? 'null') as { id?: unknown } | null)?.id;
  } catch {
    id = undefined;
  }
  const key = `${table}:${String(id)}`;
  if (record.value === null) return { key, name: 'tombstone' };
  try {
    const value = JSON.parse(record.value) as { op?: unknown; after?: { version?: unknown } | null };
    if (value.op === 'd') return { key, name: 'd' };
    return { key, name: `${String(value.op)}${String(value.after?.version)}` };
  } catch {
    return { key, name: `unreadable value ${record.value.slice(0, 40)}` };
  }
}

export interface Verdict {
  exact: boolean;
  /** Every committed change is there at least once (duplicates aside). */
  complete: boolean;
  records: number;
  duplicated: number;
  missing: number;
  /** Records of changes the workload never committed (aborted work seen, or garbage). */
  extra: number;
  outOfOrder: number;
  /** A few keys whose records differ, expected and got. */
  examples: string[];
}

/** Compare what a read_committed consumer sees with what the workload committed, key by key. */
export function compareWithWorkload(expected: ReadonlyMap<string, readonly string[]>, records: readonly SeenRecord[], topicPrefix: string): Verdict {
  const seen = new Map<string, string[]>();
  for (const record of records) {
    const { key, name } = recordName(record, topicPrefix);
    let names = seen.get(key);
    if (!names) seen.set(key, (names = []));
    names.push(name);
  }
  const verdict: Verdict = { exact: true, complete: true, records: records.length, duplicated: 0, missing: 0, extra: 0, outOfOrder: 0, examples: [] };
  for (const key of new Set([...expected.keys(), ...seen.keys()])) {
    const want = expected.get(key) ?? [];
    const got = seen.get(key) ?? [];
    if (want.length === got.length && want.every((name, index) => got[index] === name)) continue;
    verdict.exact = false;
    const wanted = counts(want);
    const gotten = counts(got);
    let problem = false;
    for (const [name, count] of gotten) {
      const allowed = wanted.get(name) ?? 0;
      if (allowed === 0) verdict.extra += count;
      else if (count > allowed) verdict.duplicated += count - allowed;
    }
    for (const [name, count] of wanted) {
      const have = gotten.get(name) ?? 0;
      if (have < count) {
        verdict.missing += count - have;
        verdict.complete = false;
        problem = true;
      }
    }
    if (!problem && want.length === got.length) verdict.outOfOrder += 1;
    if (verdict.examples.length < 6) verdict.examples.push(`${key}: expected [${want.join(' ')}], got [${got.join(' ')}]`);
  }
  return verdict;
}

export function describeVerdict(verdict: Verdict): string {
  return `${verdict.records} records: ${verdict.duplicated} duplicated, ${verdict.missing} missing, `
    + `${verdict.extra} of changes never committed, ${verdict.outOfOrder} key(s) out of commit order`
    + (verdict.examples.length > 0 ? `\n  for example\n    ${verdict.examples.join('\n    ')}` : '');
}

/** Every record of the workload's tables, as a read_committed consumer sees them. */
export async function readCommitted(kafka: TestKafka, topicPrefix: string): Promise<SeenRecord[]> {
  const records: SeenRecord[] = [];
  for (const table of TABLES) {
    const topic = `${topicPrefix}.public.${table}`;
    if (await kafka.topicExists(topic)) records.push(...await readCommittedTopic(kafka, topic));
  }
  return records;
}

/**
 * Wait until every change the workload committed is in Kafka, then judge: exactly once, in
 * commit order per key, nothing else. Duplicates come before the changes that follow them, so
 * once the last change is there, so is any duplicate. `stillGoing`, checked while changes are
 * missing, fails the stage as soon as the program can no longer deliver them (it exited)
 * rather than at the timeout, and says why.
 */
export async function expectExactlyOnce(kafka: TestKafka, workload: Workload, { topicPrefix, timeoutMs = 60_000, what, hint, docs, transcript, stillGoing }: {
  topicPrefix: string; timeoutMs?: number; what: string; hint: string; docs: string; transcript: () => string; stillGoing?: () => void;
}): Promise<Verdict> {
  const deadline = Date.now() + timeoutMs;
  let verdict: Verdict;
  for (;;) {
    verdict = compareWithWorkload(workload.expected, await readCommitted(kafka, topicPrefix), topicPrefix);
    if (verdict.complete || Date.now() > deadline) break;
    stillGoing?.();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (!verdict.exact) {
    fail({
      expected: `${what}: each of the ${workload.expectedRecords} records of the ${workload.committedTransactions} committed transaction(s) exactly once, in commit order per key, read with isolation read_committed`
        + (verdict.complete ? '' : ` within ${timeoutMs / 1000} s`),
      got: describeVerdict(verdict),
      hint,
      docs,
      transcript: transcript(),
    });
  }
  return verdict;
}

function counts(names: readonly string[]): Map<string, number> {
  const result = new Map<string, number>();
  for (const name of names) result.set(name, (result.get(name) ?? 0) + 1);
  return result;
}
