import { setTimeout as sleep } from 'node:timers/promises';
import { colour, timestamp } from '@cdc-lab/common';
import { BEGINNING } from './bookmark.ts';
import { explainStartupFailure, isConnectionError, openDatabase } from './database.ts';
import { LoadStats } from './load-stats.ts';
import { REFERENCE_STEPS, type PollerSteps } from './parts.ts';
import { pollReport, startReport, stopReport } from './report.ts';
import type { Settings } from './settings.ts';

/**
 * Poll until asked to stop. Each round: read what changed after the bookmark, print it, and
 * only then save the new bookmark. That order makes the poller at-least-once: a crash between
 * printing and saving reports those rows again after a restart, but never loses them.
 */
export async function runPoller(settings: Settings, steps: PollerSteps = REFERENCE_STEPS): Promise<void> {
  const db = openDatabase(settings.databaseUrl);
  const store = steps.openStore(settings.stateFile);
  const stats = new LoadStats();
  const stopping = new AbortController();
  for (const signal of steps.stopSignals) {
    // `once`: a second Ctrl-C gets Node's default and ends the process at once.
    process.once(signal, () => {
      console.error(colour.dim(`${signal}: stopping after the current poll (again to quit at once)`));
      stopping.abort();
    });
  }

  try {
    const table = await steps.ensureDemoTable(db).catch((error: unknown) => {
      throw explainStartupFailure(error, settings.databaseUrl);
    });
    const saved = store.load();
    console.log(startReport(settings, saved, table));
    let bookmark = saved ?? BEGINNING;

    while (!stopping.signal.aborted) {
      const startedAt = new Date();
      try {
        const poll = await steps.pollOnce(db, bookmark, settings, steps.fetchPage);
        stats.record({ queries: poll.queries, rowsRead: poll.rows.length });
        // The sink here is stdout; on Linux a write to a pipe or terminal has left the process
        // when console.log returns. A real sink is awaited before the save (lab 4 waits for
        // Kafka to acknowledge).
        console.log(pollReport(startedAt, poll));
        if (poll.rows.length > 0) {
          bookmark = poll.bookmark;
          store.save(bookmark);
        }
      } catch (error) {
        if (!isConnectionError(error)) throw error;
        // The bookmark did not move, so the next poll asks the same question again.
        console.error(colour.yellow(`[${timestamp(startedAt)}] Polling... failed: ${(error as Error).message}; trying again in ${settings.intervalMs} ms`));
      }
      await sleep(settings.intervalMs, undefined, { signal: stopping.signal }).catch(() => {});
    }

    store.save(bookmark);
    console.log(stopReport(bookmark, settings, stats));
  } finally {
    await db.end().catch(() => {});
  }
}
