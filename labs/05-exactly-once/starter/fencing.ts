import type { Producer } from 'kafkajs';
import { SinkError, todo } from '@cdc-lab/common';
import { kafkaErrorTypes } from '../src/kafka-errors.ts';

/**
 * Zombie fencing. Two bridges writing for one slot would both resume from the same position
 * and write the same changes twice; a bridge that was thought dead (paused, cut off from the
 * network) and wakes up is the usual second writer. Kafka prevents it through the
 * transactional id:
 *
 *   InitProducerId(transactional id)  the coordinator aborts whatever transaction the id left
 *                                     open and bumps the id's epoch
 *   every later write and commit      carries the epoch; one from an older epoch is refused
 *                                     (INVALID_PRODUCER_EPOCH, or PRODUCER_FENCED)
 *
 * So a new instance must fence before it reads the position: after InitProducerId no older
 * instance can commit anything, and the position it reads stays true.
 */
export async function fenceEarlierInstances(producer: Producer): Promise<void> {
  // TODO: make Kafka fence every older instance with this transactional id, now, before the
  //   position is read. Which request does that, and when does kafkajs send it on its own?
  //   How do you make it happen without writing anything?
  return todo('fencing earlier instances (InitProducerId)', 'docs/05-exactly-once.md#fencing');
}

/** Thrown when a newer instance has taken over: this one must stop, not retry. */
export class FencedError extends SinkError {}

const FENCED = new Set(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED']);

/**
 * Recognise a Kafka error that means "another producer with your transactional id has taken
 * over" and turn it into a FencedError that says so; null for any other error.
 */
export function asFencedError(error: unknown, transactionalId: string): FencedError | null {
  // TODO: tell a takeover by a newer instance from every other failure. Which Kafka error
  //   types mean "your epoch is old" (FENCED)? kafkajs wraps errors in errors, so where do you
  //   look for them (kafka-errors.ts)? For a takeover, return the error fencedError builds; for
  //   anything else, null, and the caller starts a new session.
  return todo('recognising a takeover by a newer instance', 'docs/05-exactly-once.md#fencing');
}

function fencedError(type: string, transactionalId: string, cause: unknown): FencedError {
  return new FencedError(`this bridge was fenced: another instance with transactional id '${transactionalId}' has taken over (Kafka said ${type})`, {
    cause,
    hint: 'only one bridge may write for a transactional id, so this one stops and the newer one carries on. If no other instance is running, a transaction outlived transaction.timeout.ms and Kafka aborted it: start the bridge again',
  });
}
