import { commitThenConfirm } from './confirm.ts';
import { consumeExactlyOnce } from './count-events.ts';
import { asFencedError, fenceEarlierInstances } from './fencing.ts';
import { transactionalProducer } from './kafka-client.ts';
import { ensureOffsetsTopic, readPosition } from './offsets-topic.ts';
import { worthRetrying } from './retry.ts';
import { alreadyInKafka } from './skip.ts';
import { runSessions } from './run-bridge.ts';
import { writeBatch } from './transactional-write.ts';

/**
 * The steps this lab is about — exactly the functions a learner writes — gathered so that the
 * grader's broken variants can swap one of them for a wrong version and show that the grader
 * notices.
 */
export interface BridgeParts {
  /** Run sessions until stopped: when a failed session is followed by a new one, and when not. */
  runSessions: typeof runSessions;
  createProducer: typeof transactionalProducer;
  fenceEarlierInstances: typeof fenceEarlierInstances;
  /** How a session tells being fenced (stop) from any other failure (start a new session). */
  asFencedError: typeof asFencedError;
  ensureOffsetsTopic: typeof ensureOffsetsTopic;
  readPosition: typeof readPosition;
  alreadyInKafka: typeof alreadyInKafka;
  writeBatch: typeof writeBatch;
  commitThenConfirm: typeof commitThenConfirm;
  /** Which failures a new session may get past: what carries the bridge through a restarting service. */
  worthRetrying: typeof worthRetrying;
  /** The consumer side (pnpm lab 5 consume): counts into Postgres, offsets in the same transaction. */
  consumeExactlyOnce: typeof consumeExactlyOnce;
}

export const referenceParts: BridgeParts = {
  runSessions,
  createProducer: transactionalProducer,
  fenceEarlierInstances,
  asFencedError,
  ensureOffsetsTopic,
  readPosition,
  alreadyInKafka,
  writeBatch,
  commitThenConfirm,
  worthRetrying,
  consumeExactlyOnce,
};
