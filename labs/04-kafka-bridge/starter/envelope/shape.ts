import { todo } from '@cdc-lab/common';
import { writeJson, type JsonObject } from '../../src/json/write-json.ts';
import type { RowChangeMessage, TruncateMessage } from '../../src/pgoutput/messages.ts';
import { DEBEZIUM_VERSION, type ChangeEvent, type Envelope, type Operation } from '../../src/envelope/envelope.ts';
import { rowImage } from '../../src/envelope/row-image.ts';
import { keyOf } from './row-key.ts';
import { sourceBlock, type ChangePosition, type SourceSettings } from './source.ts';
import type { TableShape } from '../../src/envelope/table-shape.ts';
import { floorDiv } from '../../src/envelope/values/calendar.ts';

/** Header names Debezium uses when an UPDATE of the key becomes a delete plus a create. */
export const OLD_KEY_HEADER = '__debezium.oldkey';
export const NEW_KEY_HEADER = '__debezium.newkey';

/**
 * Shape one decoded change into Debezium's events — usually one:
 *
 *   Insert   op c, before null, after the new row
 *   Update   op u, before the old row if the replica identity sent one (FULL), else null;
 *            if the key changed: a delete of the old key, then a create of the new one
 *   Delete   op d, before the old row: under REPLICA IDENTITY DEFAULT only the key columns
 *            carry values, the others are null; under FULL, every value
 *   Truncate op t, before and after null, null key — one event per table
 *
 * Pure: the tables, the position and the processing time (`nowUs`) all come in as arguments.
 */
export function shapeChange(
  message: RowChangeMessage | TruncateMessage,
  tables: (relationId: number) => TableShape,
  position: ChangePosition,
  settings: SourceSettings,
  nowUs: bigint,
): ChangeEvent[] {
  // TODO: turn one Insert, Update, Delete or Truncate into its events. For each kind: which
  //   op is it, what is `before` and what is `after` (rowImage reads a tuple with the table's
  //   converters), and which key does the event carry? An Update may bring the old row or not:
  //   when does it, and what must happen when the old key and the new key differ? Why does a
  //   Truncate have no key? Every event shares the same context (eventContext).
  return todo('shaping a change into events', 'docs/04-kafka-bridge.md#from-pgoutput-to-a-change-event');
}

/** What every event of one change shares: the bridge's settings, the change's position, the processing time. */
export interface EventContext {
  settings: SourceSettings & { version: string };
  position: ChangePosition;
  nowUs: bigint;
}

export function eventContext(settings: SourceSettings, position: ChangePosition, nowUs: bigint): EventContext {
  // Only the three source fields: `settings` may be a whole options object.
  return { settings: { topicPrefix: settings.topicPrefix, database: settings.database, version: settings.version ?? DEBEZIUM_VERSION }, position, nowUs };
}

/**
 * One event: the envelope in Debezium's field order, and the table and key it is routed by.
 * `source` says when the change committed; the envelope's own ts_* say when the event was made.
 */
export function changeEvent(
  { settings, position, nowUs }: EventContext,
  shape: TableShape,
  op: Operation,
  key: JsonObject | null,
  before: JsonObject | null,
  after: JsonObject | null,
  headers: Record<string, JsonObject> = {},
): ChangeEvent {
  // TODO: build the envelope, field for field in Debezium's order (envelope.ts lists it), and
  //   wrap it with the table and key it is routed by. Two kinds of time meet here: which one
  //   belongs in `source` (sourceBlock), and which one is the envelope's own ts_ms, ts_us, ts_ns?
  return todo('building the envelope of an event', 'docs/04-kafka-bridge.md#from-pgoutput-to-a-change-event');
}

/** Both keys are built from the same columns in the same order, so equal values print equally. */
function sameJson(a: JsonObject, b: JsonObject): boolean {
  return writeJson(a) === writeJson(b);
}
