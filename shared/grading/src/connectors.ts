import { isProcessAlive } from '@cdc-lab/harness';
import { RUN_PREFIX } from './names.ts';

/**
 * Kafka Connect connectors left by test runs that were killed before they could clean up.
 * Graders name their connectors after the stage's topic prefix, `g<pid of the run>-l<lab>-…`
 * (testNames), so a connector whose run is gone can be recognised like an abandoned database.
 * A leftover connector keeps a task running against a database that is about to be dropped,
 * and Connect keeps its offsets under its name after a plain delete: remove it the long way.
 */

/** The names, among `names`, of connectors made by a test run that is no longer alive. */
export function abandonedConnectorNames(names: readonly string[], isAlive: (pid: number) => boolean = isProcessAlive): string[] {
  return names.filter((name) => {
    const match = new RegExp(`^${RUN_PREFIX}(\\d+)-l\\d+-`).exec(name);
    return match !== null && !isAlive(Number(match[1]));
  });
}

/**
 * Stop every abandoned connector, delete its offsets (KIP-875: only a STOPPED connector's can
 * be), then delete it. Returns the names removed. Errors on one connector do not stop the rest.
 */
export async function removeAbandonedConnectors(connectUrl: string, { isAlive = isProcessAlive, timeoutMs = 30_000 } = {}): Promise<string[]> {
  const base = connectUrl.replace(/\/+$/, '');
  const call = async (method: string, route: string): Promise<Response> => fetch(`${base}${route}`, { method, signal: AbortSignal.timeout(30_000) });
  const listed = await call('GET', '/connectors');
  if (!listed.ok) throw new Error(`Kafka Connect at ${base} answered GET /connectors with HTTP ${listed.status}`);
  const removed: string[] = [];
  for (const name of abandonedConnectorNames((await listed.json()) as string[], isAlive)) {
    const route = `/connectors/${encodeURIComponent(name)}`;
    try {
      await call('PUT', `${route}/stop`);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const status = await call('GET', `${route}/status`);
        const state = status.ok ? ((await status.json()) as { connector?: { state?: string } }).connector?.state : undefined;
        if (state === 'STOPPED' || state === undefined || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      await call('DELETE', `${route}/offsets`);
      const deleted = await call('DELETE', route);
      if (deleted.ok || deleted.status === 404) removed.push(name);
    } catch {
      // Leave it to the next run; a connector of a dead run harms no test of this one.
    }
  }
  return removed;
}
