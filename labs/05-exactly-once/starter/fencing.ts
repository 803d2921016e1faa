import type { Producer } from 'kafkajs';
import { SinkError, todo } from '@cdc-lab/common';
import { kafkaErrorTypes } from './kafka-errors.ts';

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
  // TODO: make Kafka send InitProducerId for this producer's transactional id, now, before the
  //   position is read. kafkajs sends it when the first transaction begins
  //   (await producer.transaction()); a transaction in which nothing was sent can be ended
  //   with abort() at no cost.
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
  // TODO: look for INVALID_PRODUCER_EPOCH or PRODUCER_FENCED (the FENCED set) among the
  //   error's Kafka error types — kafkaErrorTypes(error) finds them however deeply kafkajs
  //   wrapped them. None: return null, and the caller starts a new session. One: return
  //   fencedError(type, transactionalId, error), which stops the bridge.
  return todo('recognising a takeover by a newer instance', 'docs/05-exactly-once.md#fencing');
}

function fencedError(type: string, transactionalId: string, cause: unknown): FencedError {
  return new FencedError(`this bridge was fenced: another instance with transactional id '${transactionalId}' has taken over (Kafka said ${type})`, {
    cause,
    hint: 'only one bridge may write for a transactional id, so this one stops and the newer one carries on. If no other instance is running, a transaction outlived transaction.timeout.ms and Kafka aborted it: start the bridge again',
  });
}
