import { check, fail, type Stage } from '@cdc-lab/grading';
import { readJson, type JsonValue } from '@cdc-lab/04-kafka-bridge/json';
import { lineFormats } from '../contract.ts';
import { isolateConnectors, stageNames } from '../support.ts';

/**
 * Fields that may differ, and why (the chapter's list): the grader's own, so that a program
 * whose diff forgives too much is not believed.
 */
const MAY_DIFFER = [/^source\.version$/, /^source\.name$/, /^source\.origin(_lsn)?$/, /^ts_(ms|us|ns)$/, /^headers\.__debezium\.context\./, /^(before|after)\.c_name$/];

/**
 * `pnpm lab 9 compare` runs one workload through Debezium and lab 4's bridge. The grader reads
 * both sets of topics itself and diffs them: no difference but the documented ones.
 */
export const compareStage: Stage = {
  slug: 'compare',
  extension: true,
  title: 'Debezium and lab 4 produce the same events, apart from documented fields',
  docs: 'docs/09-debezium.md#the-comparison',
  timeoutMs: 150_000,
  async run(ctx) {
    const names = stageNames(ctx);
    await isolateConnectors(ctx, [], [`${names.slot}_cmp_dbz`, `${names.slot}_cmp_lab04`]);
    const program = ctx.start({ args: ['compare'], label: 'your program (compare)' });
    const exit = await program.waitForExit({ timeoutMs: 120_000, what: 'compare to finish', docs: ctx.stage.docs });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const kafka = ctx.kafka();
    const read = async (prefix: string) => {
      const groups = new Map<string, { value: JsonValue | null; headers: Record<string, string> }[]>();
      for (const topic of (await kafka.topics()).filter((name) => name.startsWith(`${prefix}.`))) {
        for (const record of await kafka.readTopic(topic, { isolation: 'read_committed' })) {
          const group = `${topic.slice(prefix.length + 1)} ${record.key}`;
          groups.set(group, [...(groups.get(group) ?? []), { value: record.value === null ? null : readJson(record.value), headers: record.headers }]);
        }
      }
      return groups;
    };
    const debezium = await read(`${names.prefix}-compare.debezium`);
    const bridge = await read(`${names.prefix}-compare.lab04`);
    check(debezium.size > 0 && bridge.size > 0, {
      expected: `records of both pipelines under ${names.prefix}-compare.debezium.* and ${names.prefix}-compare.lab04.*`,
      got: `${debezium.size} and ${bridge.size} table/key groups`,
      hint: 'Debezium under <prefix>-compare.debezium, lab 4 under <prefix>-compare.lab04; the workload ends with a marker row both must have',
      docs: ctx.stage.docs,
      transcript: program.transcript(),
    });
    const differences: string[] = [];
    for (const group of new Set([...debezium.keys(), ...bridge.keys()])) {
      const left = debezium.get(group) ?? [];
      const right = bridge.get(group) ?? [];
      if (left.length !== right.length) differences.push(`${group}: ${left.length} record(s) from Debezium, ${right.length} from lab 4`);
      for (let index = 0; index < Math.min(left.length, right.length); index++) {
        const flat = (record: { value: JsonValue | null; headers: Record<string, string> }) => ({ ...flatten('', record.value), ...Object.fromEntries(Object.entries(record.headers).map(([name, value]) => [`headers.${name}`, value])) });
        const a = flat(left[index]!);
        const b = flat(right[index]!);
        for (const path of new Set([...Object.keys(a), ...Object.keys(b)])) {
          if (a[path] !== b[path] && !MAY_DIFFER.some((pattern) => pattern.test(path))) differences.push(`${group} #${index + 1} ${path}: Debezium ${a[path] ?? '(absent)'}, lab 4 ${b[path] ?? '(absent)'}`);
        }
      }
    }
    if (differences.length > 0) {
      fail({
        expected: 'lab 4\'s events equal to Debezium\'s apart from the documented fields',
        got: `${differences.length} difference(s): lab 4's events differ from Debezium's, e.g.\n  ${differences.slice(0, 5).join('\n  ')}`,
        hint: 'lab 4 must run unchanged: its reference, as a black box (node --import tsx labs/04-kafka-bridge/src/main.ts)',
        docs: ctx.stage.docs,
        transcript: program.transcript(),
      });
    }
    check(exit.code === 0, { expected: 'compare to exit with code 0', got: `exit code ${exit.code}`, docs: ctx.stage.docs, transcript: program.transcript() });
    await program.waitForLine(lineFormats.compared.pattern, {
      timeoutMs: 1000, what: '"compared <n> Debezium record(s) with lab 4\'s: 0 undocumented difference(s)"', docs: 'docs/09-debezium.md#expected-output',
    });
  },
};

function flatten(path: string, value: JsonValue | null | undefined): Record<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.assign({}, ...Object.entries(value).map(([field, item]) => flatten(path ? `${path}.${field}` : field, item)));
  }
  return { [path || '(value)']: JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? `${item}n` : item)) };
}
