import fs from 'node:fs';
import path from 'node:path';
import { KAFKA_VERSION, KAFKA_CONNECT_VERSION, DEBEZIUM_VERSION, repoRoot, type ServiceName } from '@cdc-lab/harness';
import { runMain } from '@cdc-lab/common';
import { BenchDatabase } from './bench-database.ts';
import { BenchStack } from './bench-stack.ts';
import { CONTENDERS, measuresLatency, type Contender } from './contenders/index.ts';
import { describeMachine } from './machine.ts';
import { BenchTopics } from './measure/kafka-topics.ts';
import { parseBenchOptions, USAGE, type BenchOptions } from './options.ts';
import { terminalBars, throughputBars } from './report/chart.ts';
import { writeResultsPage, type BenchRunInfo } from './report/results-page.ts';
import { summarize } from './report/summary.ts';
import { plainTable, resultTables } from './report/tables.ts';
import { drainBacklog, measureSteady, slotNameFor, type RunRecord, type RunSetting } from './run-contender.ts';
import { shapeOf, type WorkloadName } from './workloads.ts';

await runMain(async () => {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const options = parseBenchOptions(argv);
  const contenders = options.contenders.map((id) => CONTENDERS[id]);
  const needsConnect = contenders.some((contender) => contender.id.startsWith('debezium'));
  const services: ServiceName[] = needsConnect ? ['postgres', 'kafka', 'connect'] : ['postgres', 'kafka'];
  const log = (line: string) => console.log(line);

  log(`pnpm bench${options.quick ? ' --quick' : ''}: ${options.workloads.join(', ')} × ${contenders.map((c) => c.id).join(', ')}, ${options.runs} run(s) each`);
  const stack = await BenchStack.start(services, BenchStack.defaultStateDir(), (line) => log(`[stack] ${line}`));
  const info: BenchRunInfo = {
    command: `pnpm bench${process.argv.slice(2).length > 0 ? ` ${process.argv.slice(2).filter((arg) => arg !== '--').join(' ')}` : ''}`,
    date: new Date().toISOString().slice(0, 10),
    machine: describeMachine(),
    software: `Node ${process.version}, PostgreSQL ${stack.postgresMajorVersion ?? '?'}, Kafka ${KAFKA_VERSION}${needsConnect ? `, Debezium ${DEBEZIUM_VERSION} on Kafka Connect ${KAFKA_CONNECT_VERSION}` : ''}`,
    sizes: options.sizes,
    runs: options.runs,
    partitions: options.partitions,
    contenders,
  };
  log(`machine: ${info.machine}; ${info.software}`);

  const database = await BenchDatabase.create(stack.env.DATABASE_URL);
  const topics = new BenchTopics(stack.env.KAFKA_BROKERS.split(','), options.partitions);
  const records: RunRecord[] = [];
  try {
    for (const workload of options.workloads) {
      for (let run = 1; run <= options.runs; run += 1) {
        records.push(...(await runWorkload(workload, run, contenders, options, { stack, database, topics, log })));
      }
    }
  } finally {
    await topics.close();
    await database.close().catch(() => {});
    if (!options.keepStack) await stack.stop();
  }

  const labelOf = (id: string) => CONTENDERS[id as keyof typeof CONTENDERS]?.label ?? id;
  const rows = summarize(records);
  log('');
  for (const table of resultTables(rows, labelOf)) log(`${plainTable(table)}\n`);
  if (options.workloads.includes('backlog')) log(terminalBars('backlog, median changes per second', throughputBars(rows, 'backlog', labelOf)));

  const rawFile = path.join(repoRoot(), '.cdc-lab', 'bench', `results-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(path.dirname(rawFile), { recursive: true });
  fs.writeFileSync(rawFile, `${JSON.stringify({ info: { ...info, contenders: contenders.map((c) => c.id) }, records }, null, 2)}\n`);
  log(`\nevery run's figures: ${path.relative(process.cwd(), rawFile)}`);
  if (options.write) {
    const page = path.resolve(repoRoot(), options.write);
    writeResultsPage(page, info, rows, labelOf);
    log(`results written to ${path.relative(process.cwd(), page)}`);
  }
});

interface Services {
  stack: BenchStack;
  database: BenchDatabase;
  topics: BenchTopics;
  log: (line: string) => void;
}

async function runWorkload(workload: WorkloadName, run: number, contenders: Contender[], options: BenchOptions, services: Services): Promise<RunRecord[]> {
  const { stack, database, topics, log } = services;
  const shape = shapeOf(workload, options.sizes);
  // Long enough for the slowest contender on the full sizes, short enough to end a stuck run.
  const timeoutMs = Math.max(120_000, shape.changes * 2);
  const setting: RunSetting = {
    workload, run, shape, database, topics,
    brokers: stack.env.KAFKA_BROKERS,
    connectUrl: stack.env.CONNECT_URL,
    postgresBinDir: stack.postgresBinDir,
    brokerPid: stack.pidOf('kafka'),
    timeoutMs,
    report: log,
    restartConnect: () => stack.restartConnect(),
  };
  const records: RunRecord[] = [];
  await database.recreate();

  if (workload === 'steady') {
    for (const contender of contenders.filter(measuresLatency)) {
      await database.recreate();
      const record = await measureSteady(contender, setting, options.sizes.steadyRatePerSecond);
      log(`${workload} run ${run}, ${contender.label}: p50 ${record.latency?.p50.toFixed(1)} ms, p99 ${record.latency?.p99.toFixed(1)} ms, max ${record.latency?.max.toFixed(1)} ms (load generator at most ${record.loadLagMs?.toFixed(1)} ms behind)`);
      records.push(record);
    }
    return records;
  }

  // One workload, one slot per contender made before it: each finds the same backlog waiting.
  for (const contender of contenders) await database.createSlot(slotNameFor(contender, run), contender.plugin);
  const generating = performance.now();
  const { endLsn } = await database.generate(workload, options.sizes);
  log(`${workload} run ${run}: ${shape.changes.toLocaleString('en-US')} changes in ${shape.transactions.toLocaleString('en-US')} transactions made in ${((performance.now() - generating) / 1000).toFixed(1)} s`);
  for (const contender of contenders) {
    const record = await drainBacklog(contender, setting, endLsn);
    log(`${workload} run ${run}, ${contender.label}: ${Math.round(record.changesPerSecond).toLocaleString('en-US')} changes/s (${record.drainSeconds.toFixed(2)} s), client CPU ${record.clientCpuSeconds.toFixed(2)} s, walsender CPU ${record.walsenderCpuSeconds.toFixed(2)} s, broker CPU ${record.brokerCpuSeconds.toFixed(2)} s, peak RSS ${Math.round(record.clientPeakRssBytes / 1024 / 1024)} MB`);
    records.push(record);
  }
  return records;
}
