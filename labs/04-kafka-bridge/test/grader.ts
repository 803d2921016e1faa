import { defineGrader } from '@cdc-lab/grading';
import { atLeastOnce } from './stages/at-least-once.ts';
import { backpressure } from './stages/backpressure.ts';
import { brokerUnreachable } from './stages/broker-unreachable.ts';
import { connectionSettings } from './stages/connection-settings.ts';
import { droppedUnderTheBridge } from './stages/dropped-under-the-bridge.ts';
import { events } from './stages/events.ts';
import { largeTransaction } from './stages/large-transaction.ts';
import { noReplication } from './stages/no-replication.ts';
import { notUtf8 } from './stages/not-utf8.ts';
import { order } from './stages/order.ts';
import { oversizedEvent } from './stages/oversized-event.ts';
import { publication } from './stages/publication.ts';
import { quietTables } from './stages/quiet-tables.ts';
import { schemaChange } from './stages/schema-change.ts';
import { shutdown } from './stages/shutdown.ts';
import { slotDropped } from './stages/slot-dropped.ts';
import { singleTopic } from './stages/single-topic.ts';
import { tail } from './stages/tail.ts';
import { throughput } from './stages/throughput.ts';
import { toast } from './stages/toast.ts';
import { tombstones } from './stages/tombstones.ts';
import { topics } from './stages/topics.ts';
import { truncate } from './stages/truncate.ts';
import { types } from './stages/types.ts';

/**
 * Lab 4's stages. The base stages come first, in the order of the chapter: what an event looks
 * like and where it goes, how fast and in what order, what is confirmed when, what a slow
 * broker and a huge transaction do, the tail command, and the errors a user meets first.
 * Passing them is finishing the lab. The extension stages follow: Debezium's full type table,
 * TOAST under both replica identities, tables that change shape or vanish mid-stream, and the
 * rarer connection and encoding errors.
 */
export const grader = defineGrader(4, [
  events,
  tombstones,
  truncate,
  topics,
  singleTopic,
  order,
  throughput,
  atLeastOnce,
  shutdown,
  backpressure,
  largeTransaction,
  oversizedEvent,
  tail,
  brokerUnreachable,
  publication,
  noReplication,
  // Extension stages: fidelity and depth beyond the lesson.
  types,
  toast,
  schemaChange,
  connectionSettings,
  notUtf8,
  droppedUnderTheBridge,
  slotDropped,
  quietTables,
]);
