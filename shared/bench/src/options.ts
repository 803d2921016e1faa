import { parseArgs } from 'node:util';
import { ConfigurationError, positiveInteger } from '@cdc-lab/common';
import { FULL_SIZES, QUICK_SIZES, WORKLOAD_NAMES, type WorkloadName, type WorkloadSizes } from './workloads.ts';

export const CONTENDER_IDS = ['pg_recvlogical', 'lab3', 'lab4', 'lab5', 'debezium', 'debezium-tuned'] as const;
export type ContenderId = (typeof CONTENDER_IDS)[number];

export const USAGE = `usage: pnpm bench [--quick] [--runs <n>] [--workloads <list>] [--contenders <list>]
                  [--changes <n>] [--partitions <n>] [--write <file>] [--keep-stack]

Runs every CDC pipeline of the workbook on the same generated workloads, one at a time, each on
a slot and topics of its own, and prints throughput, CPU, memory and latency side by side.

  --quick              small sizes and one run (what CI runs); without it, the full sizes
                       (1,000,000 changes) and three runs, and the results go into
                       docs/benchmarks.md
  --runs <n>           runs per workload and contender (figures are medians over them)
  --workloads <list>   comma-separated, of: ${WORKLOAD_NAMES.join(', ')}
  --contenders <list>  comma-separated, of: ${CONTENDER_IDS.join(', ')}
  --changes <n>        size of the backlog and of the big transaction
  --partitions <n>     partitions of every topic (default 1)
  --write <file>       write the results section of this Markdown page (default: none with
                       --quick, docs/benchmarks.md without)
  --keep-stack         leave the bench's own Postgres, Kafka and Connect running afterwards`;

export interface BenchOptions {
  quick: boolean;
  runs: number;
  workloads: WorkloadName[];
  contenders: ContenderId[];
  sizes: WorkloadSizes;
  partitions: number;
  write: string | undefined;
  keepStack: boolean;
}

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv.filter((arg) => arg !== '--'),
      options: {
        quick: { type: 'boolean', default: false },
        runs: { type: 'string' },
        workloads: { type: 'string' },
        contenders: { type: 'string' },
        changes: { type: 'string' },
        partitions: { type: 'string' },
        write: { type: 'string' },
        'keep-stack': { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new ConfigurationError((error as Error).message, { hint: USAGE });
  }
  const quick = values.quick;
  const base = quick ? QUICK_SIZES : FULL_SIZES;
  return {
    quick,
    runs: positiveInteger('--runs', values.runs, quick ? 1 : 3),
    workloads: listOf('--workloads', values.workloads, WORKLOAD_NAMES),
    contenders: listOf('--contenders', values.contenders, CONTENDER_IDS),
    sizes: { ...base, changes: positiveInteger('--changes', values.changes, base.changes) },
    partitions: positiveInteger('--partitions', values.partitions, 1),
    write: values.write ?? (quick ? undefined : 'docs/benchmarks.md'),
    keepStack: values['keep-stack'],
  };
}

function listOf<T extends string>(flag: string, given: string | undefined, allowed: readonly T[]): T[] {
  if (given === undefined) return [...allowed];
  const names = given.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(allowed as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new ConfigurationError(`${flag} ${given}: ${unknown.length > 0 ? `unknown ${unknown.join(', ')}` : 'empty'}`, {
      hint: `choose from ${allowed.join(', ')}`,
    });
  }
  // Run in the canonical order, whatever order they were named in.
  return allowed.filter((name) => names.includes(name));
}
