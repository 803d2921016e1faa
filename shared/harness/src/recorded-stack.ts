import { StackError } from '@cdc-lab/common';
import type { Selection } from './select.ts';
import type { ProviderName, ServiceName } from './types.ts';

/**
 * A stack recorded in the state folder is reused by every later command, whichever provider
 * started it: labs 1–3 may have run locally with embedded Postgres before Docker was installed
 * or started. When that provider cannot supply what is asked now, the way out is to end the
 * recorded stack so that the next run chooses again; the error says so, and what it would choose.
 */

export interface RecordedStackMismatch {
  recorded: ProviderName;
  stateDir: string;
  services: readonly ServiceName[];
  /** What the recorded provider lacks, e.g. "Java is needed to run Kafka and was not found". */
  why: string;
  /** What a fresh choice would be now (undefined when it could not be made). */
  fresh?: Selection;
}

const JAVA_HINT = 'install a JDK 17 or newer (Debian: apt-get install openjdk-17-jre-headless)';

export function recordedStackCannotProvide({ recorded, stateDir, services, why, fresh }: RecordedStackMismatch): StackError {
  const down = '`pnpm stack down` (it stops that stack and removes its data)';
  const elsewhere = fresh !== undefined && fresh.provider !== recorded;
  const hint = elsewhere
    ? `run ${down}, then run this again: the next stack is chosen afresh, and ${fresh.provider} would be used (${fresh.reason})`
    : `run ${down}, then run this again once you have ${/Java/.test(why) ? `Java (${JAVA_HINT})` : 'what it needs'}, `
      + 'or start a Docker engine first: the next stack is then run in Docker';
  return new StackError(`the ${recorded} stack recorded in ${stateDir} cannot start ${services.join(', ')}: ${why}`, { hint });
}
