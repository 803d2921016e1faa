import { defineGrader } from '@cdc-lab/grading';
import { atomicStage } from './stages/atomic.ts';
import { cleanupDelete } from './stages/cleanup-delete.ts';
import { confirmAfterAck } from './stages/confirm-after-ack.ts';
import { consumerInbox } from './stages/consumer-inbox.ts';
import { oversizedEvent } from './stages/oversized-event.ts';
import { purge } from './stages/purge.ts';
import { relayCrashStage } from './stages/relay-crash.ts';
import { routeStage } from './stages/route.ts';

/**
 * Lab 7's stages. The base stages follow the chapter with the outbox table: what the relay
 * relays and where, the service's one transaction, cleaning up the outbox, confirming after
 * Kafka's acknowledgement, and the consumer that makes at-least-once delivery exactly-once in
 * effect, through a relay crash. The extension stages go deeper: the same guarantees with the
 * logical message instead of the table, and an event Kafka refuses for good.
 */
export const grader = defineGrader(7, [
  routeStage('table'),
  atomicStage('table'),
  cleanupDelete,
  purge,
  confirmAfterAck,
  consumerInbox,
  relayCrashStage('table'),
  { ...routeStage('message'), extension: true },
  { ...atomicStage('message'), extension: true },
  { ...relayCrashStage('message'), extension: true },
  { ...oversizedEvent, extension: true },
]);
