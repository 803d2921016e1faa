import { SinkError, todo } from '@cdc-lab/common';
import { FencedError } from './fencing.ts';
import type { BridgeParts } from '../src/parts.ts';
import { briefly } from './retry.ts';
import { runSession } from '../src/session.ts';
import type { BridgeSettings } from '../src/settings.ts';
import { StopSignal } from '../src/stop-signal.ts';

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 5_000;
/** Give up when no session has reached streaming for this long. */
const GIVE_UP_MS = 120_000;

/** Run the bridge until Ctrl-C (SIGINT) or SIGTERM; a second one exits at once. */
export async function runBridge(settings: BridgeSettings, parts: BridgeParts): Promise<void> {
  await untilStopped((stop) => parts.runSessions(settings, parts, stop));
}

/** Run `work` with a stop signal that SIGINT and SIGTERM request; a second one exits at once. */
export async function untilStopped(work: (stop: StopSignal) => Promise<void>): Promise<void> {
  const stop = new StopSignal();
  const onSignal = () => {
    if (stop.requested) process.exit(130);
    stop.request();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await work(stop);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/**
 * Run sessions until the stop signal. When a session fails with something a new one may get
 * past — a broker or Postgres restarting, a transaction the coordinator refused — start a new
 * one after a pause (250 ms, doubling up to 5 s): it fences, reads the position from Kafka and
 * resumes from there, exactly as a restarted process would. Being fenced is the one failure
 * that must not be retried: a newer instance is in charge, and retrying would fence it in turn.
 * Give up when no session has reached streaming for two minutes.
 */
export async function runSessions(settings: BridgeSettings, parts: BridgeParts, stop: StopSignal): Promise<void> {
  // TODO: run one session after another until the bridge should stop. A session that returns
  //   was stopped (Ctrl-C): the bridge is done. A session that fails may be followed by a new
  //   one, which recovers exactly as a restarted process would. Which failures must end the
  //   program instead — and what would a new session do to a newer instance that fenced this
  //   one? How long do you wait before the next try, and when does a service that never comes
  //   back make you give up (runSession's onListening hook says a session got going)? And if
  //   Ctrl-C arrives while a session is failing or while you wait?
  return todo('running sessions, and starting a new one after a failure', 'docs/05-exactly-once.md#when-something-fails');
}

function noSessionGotGoing(error: unknown): SinkError {
  return new SinkError(`no session got going for ${GIVE_UP_MS / 1000} s; the last failure: ${briefly(error)}`, {
    cause: error,
    hint: 'check that Postgres and Kafka are up (pnpm stack status) and that DATABASE_URL and KAFKA_BROKERS point at them',
  });
}
