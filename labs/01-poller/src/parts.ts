import { BookmarkStore } from './bookmark-store.ts';
import { ensureDemoTable } from './demo-table.ts';
import { fetchPage, pollOnce } from './poll.ts';

/**
 * The steps the loop is made of. The reference passes its own; the grader's broken variants
 * (test/broken/) swap exactly one to show which stage catches the mistake.
 */
export interface PollerSteps {
  ensureDemoTable: typeof ensureDemoTable;
  fetchPage: typeof fetchPage;
  pollOnce: typeof pollOnce;
  openStore: (file: string) => Pick<BookmarkStore, 'load' | 'save'>;
  /** Signals that ask for a clean stop: Ctrl-C, and what service managers send. */
  stopSignals: NodeJS.Signals[];
}

export const REFERENCE_STEPS: PollerSteps = {
  ensureDemoTable,
  fetchPage,
  pollOnce,
  openStore: (file) => new BookmarkStore(file),
  stopSignals: ['SIGINT', 'SIGTERM'],
};
