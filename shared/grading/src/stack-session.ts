import { defaultStateDir, ensureStack, readState, stopStack, type ServiceName, type StackEnv } from '@cdc-lab/harness';
import { removeAbandonedConnectors } from './connectors.ts';
import { dropAbandonedDatabases } from './database.ts';

export interface StackSession {
  env: StackEnv;
  /** Stop the stack if this session started it (unless CDC_LAB_KEEP_STACK=1). */
  finish(): Promise<void>;
}

/**
 * The stack for one grading run, shared by every stage of it: started if none runs, found if
 * one does (`pnpm stack up`), and tidied of what an interrupted earlier run left behind.
 * Used by the test suite's global setup and by `pnpm test:lab`.
 */
export async function openStackSession(services: readonly ServiceName[], report: (line: string) => void): Promise<StackSession> {
  const hadStack = readState(defaultStateDir()) !== undefined;
  const stack = await ensureStack([...services], { report });
  report(`${stack.provider} provider (${stack.reason}); ${stack.started.length > 0 ? `started ${stack.started.join(', ')}` : 'everything was already running'}`);

  // Names made by graders carry the pid of the run, so a later run can tell what is abandoned.
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
  return {
    env: stack.env,
    finish: async () => {
      const startedHere = !hadStack && stack.provider !== 'external';
      if (startedHere && process.env.CDC_LAB_KEEP_STACK !== '1') {
        report('stopping the stack this run started');
        await stopStack({ report });
      }
    },
  };
}
