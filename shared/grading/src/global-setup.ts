import type { TestProject } from 'vitest/node';
import type { ServiceName } from '@cdc-lab/harness';
import { loadManifest } from '@cdc-lab/workbook';
import { openStackSession } from './stack-session.ts';

/**
 * Start the stack once for the whole test run (not once per file): Postgres and Kafka take
 * seconds to start, graders take milliseconds to isolate. A stack that was already running
 * (`pnpm stack up`) is used and left running; one this run started is stopped at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const session = await openStackSession(servicesForRun(), (line) => console.log(`[stack] ${line}`));
  project.provide('stackEnv', session.env);
  return () => session.finish();
}

/** The services this run needs: named in CDC_LAB_SERVICES, else those of every built lab. */
function servicesForRun(): ServiceName[] {
  const named = process.env.CDC_LAB_SERVICES;
  if (named) return named.split(',').map((name) => name.trim()).filter(Boolean) as ServiceName[];
  const needed = new Set<ServiceName>(['postgres', 'kafka']);
  for (const lab of loadManifest()) {
    if (lab.status === 'built') for (const service of lab.services) needed.add(service);
  }
  return [...needed];
}
