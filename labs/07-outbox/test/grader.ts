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
 * Lab 7's stages, in the order of the chapter: what the relay relays and where, the service's
 * one transaction, cleaning up the outbox, confirming after Kafka's acknowledgement, and the
 * consumer that makes at-least-once delivery exactly-once in effect. Both variants — the
 * outbox table and the logical message — pass the same relay, service and crash stages.
 */
export const grader = defineGrader(7, [
  routeStage('table'),
  routeStage('message'),
  atomicStage('table'),
  atomicStage('message'),
  cleanupDelete,
  purge,
  confirmAfterAck,
  consumerInbox,
  relayCrashStage('table'),
  relayCrashStage('message'),
  oversizedEvent,
]);
