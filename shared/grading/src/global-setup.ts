import type { TestProject } from 'vitest/node';
import { ensureStack, stopStack, readState, defaultStateDir, type ServiceName } from '@cdc-lab/harness';
import { loadManifest } from '@cdc-lab/workbook';
import { removeAbandonedConnectors } from './connectors.ts';
import { dropAbandonedDatabases } from './database.ts';

/**
 * Start the stack once for the whole test run (not once per file): Postgres and Kafka take
 * seconds to start, graders take milliseconds to isolate. A stack that was already running
 * (`pnpm stack up`) is used and left running; one this run started is stopped at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const services = servicesForRun();
  const stateDir = defaultStateDir();
  const hadStack = readState(stateDir) !== undefined;
  const report = (line: string) => console.log(`[stack] ${line}`);
  const stack = await ensureStack(services, { report });
  report(`${stack.provider} provider (${stack.reason}); ${stack.started.length > 0 ? `started ${stack.started.join(', ')}` : 'everything was already running'}`);

  // Names made by graders carry the pid of the run; workers read it from here.
  process.env.CDC_LAB_RUN_PID = String(process.pid);
  // Connectors first: a leftover one would keep reading a database about to be dropped.
  if (stack.env.CONNECT_URL) {
    const removed = await removeAbandonedConnectors(stack.env.CONNECT_URL).catch((error: unknown) => {
      report(`could not look for connectors left by an interrupted run: ${(error as Error).message}`);
      return [];
    });
    if (removed.length > 0) report(`removed ${removed.length} Kafka Connect connector(s) and their offsets left by an interrupted run`);
  }
  if (stack.env.DATABASE_URL) {
    const dropped = await dropAbandonedDatabases(stack.env.DATABASE_URL);
    if (dropped.length > 0) report(`removed ${dropped.length} database(s) and their slots left by an interrupted run`);
  }
  project.provide('stackEnv', stack.env);

  return async () => {
    const startedHere = !hadStack && stack.provider !== 'external';
    if (startedHere && process.env.CDC_LAB_KEEP_STACK !== '1') {
      report('stopping the stack this run started');
      await stopStack({ report });
    }
  };
}

/** The services this run needs: named by `pnpm test:lab`, else those of every built lab. */
function servicesForRun(): ServiceName[] {
  const named = process.env.CDC_LAB_SERVICES;
  if (named) return named.split(',').map((name) => name.trim()).filter(Boolean) as ServiceName[];
  const needed = new Set<ServiceName>(['postgres', 'kafka']);
  for (const lab of loadManifest()) {
    if (lab.status === 'built') for (const service of lab.services) needed.add(service);
  }
  return [...needed];
}
