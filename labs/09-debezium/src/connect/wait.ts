import { setTimeout as sleep } from 'node:timers/promises';
import { StackError } from '@cdc-lab/common';
import type { ConnectClient, ConnectorState, ConnectorStatus } from './client.ts';

/**
 * Wait until the connector and every task report `state`. Registering only stores the config:
 * the worker then starts the connector, which starts its task, which opens the slot — each a
 * step that can fail later, so "created" is not "running". A FAILED task ends the wait with its
 * trace's first line: usually the database's own words.
 */
export async function waitForState(client: ConnectClient, name: string, state: ConnectorState, timeoutMs = 60_000, { allowNoTasks = false, ignoreFailed = false } = {}): Promise<ConnectorStatus> {
  const deadline = Date.now() + timeoutMs;
  let last: ConnectorStatus | undefined;
  for (;;) {
    last = await client.status(name);
    if (last) {
      const failed = [last.connector, ...last.tasks].find((part) => part.state === 'FAILED');
      if (failed && !ignoreFailed) {
        throw new StackError(`connector '${name}' FAILED: ${firstLine(failed.trace)}`, {
          hint: `\`pnpm lab 9 status\` shows it; fix the cause, then \`pnpm lab 9 restart\`; or start afresh: \`pnpm lab 9 delete --drop-slot\` forgets its slot and its offsets`,
        });
      }
      // A STOPPED connector has no tasks at all.
      if (last.connector.state === state && (last.tasks.length > 0 || allowNoTasks) && last.tasks.every((task) => task.state === state)) return last;
    }
    if (Date.now() > deadline) {
      throw new StackError(`connector '${name}' is not ${state} after ${timeoutMs / 1000} s: ${last ? describeStatus(last) : 'unknown to the worker'}`, {
        retriable: true,
        hint: 'the worker\'s log says what it is waiting for (`pnpm stack status` shows where)',
      });
    }
    await sleep(250);
  }
}

/** `connector RUNNING, task 0 RUNNING`: one line for a status. */
export function describeStatus(status: ConnectorStatus): string {
  const tasks = status.tasks.length === 0 ? (status.connector.state === 'STOPPED' ? 'no tasks' : 'no task yet') : status.tasks.map((task) => `task ${task.id} ${task.state}`).join(', ');
  return `connector ${status.connector.state}, ${tasks}`;
}

function firstLine(trace: string | undefined): string {
  if (!trace) return 'no trace';
  // Connect's trace is a Java stack trace; the last "Caused by" is closest to the real cause.
  const causes = trace.split('\n').filter((line) => line.startsWith('Caused by: '));
  return (causes.at(-1) ?? trace.split('\n')[0]!).replace(/^Caused by: /, '').slice(0, 400);
}
