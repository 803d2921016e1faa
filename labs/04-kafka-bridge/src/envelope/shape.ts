import { writeJson, type JsonObject } from '../json/write-json.ts';
import type { RowChangeMessage, TruncateMessage } from '../pgoutput/messages.ts';
import { DEBEZIUM_VERSION, type ChangeEvent, type Envelope, type Operation } from './envelope.ts';
import { rowImage } from './row-image.ts';
import { keyOf } from './row-key.ts';
import { sourceBlock, type ChangePosition, type SourceSettings } from './source.ts';
import type { TableShape } from './table-shape.ts';
import { floorDiv } from './values/calendar.ts';

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
  const context = eventContext(settings, position, nowUs);
  switch (message.tag) {
    case 'insert': {
      const shape = tables(message.relationId);
      const after = rowImage(shape, message.newTuple);
      return [changeEvent(context, shape, 'c', keyOf(shape, after), null, after)];
    }
    case 'update': {
      const shape = tables(message.relationId);
      // pgoutput sends the old row only under REPLICA IDENTITY FULL, or when the key changed.
      const before = message.old ? rowImage(shape, message.old.values) : null;
      // The old row, when there is one, fills in the TOASTed values the new row did not resend.
      const after = rowImage(shape, message.newTuple, before);
      const newKey = keyOf(shape, after);
      const oldKey = before ? keyOf(shape, before) : null;
      if (oldKey === null || newKey === null || sameJson(oldKey, newKey)) return [changeEvent(context, shape, 'u', newKey, before, after)];
      // A new key is a new Kafka key, perhaps in another partition: a compacted topic must
      // forget the old key (a delete, then its tombstone) and learn the new one (a create).
      return [
        changeEvent(context, shape, 'd', oldKey, before, null, { [NEW_KEY_HEADER]: newKey }),
        changeEvent(context, shape, 'c', newKey, null, after, { [OLD_KEY_HEADER]: oldKey }),
      ];
    }
    case 'delete': {
      const shape = tables(message.relationId);
      const before = rowImage(shape, message.old.values);
      return [changeEvent(context, shape, 'd', keyOf(shape, before), before, null)];
    }
    case 'truncate':
      // One message may name several tables (TRUNCATE a, b, or CASCADE): one event each, keyless.
      return message.relationIds.map((relationId) => changeEvent(context, tables(relationId), 't', null, null, null));
  }
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
  const { namespace: schema, name: table } = shape.relation;
  const value: Envelope = {
    before,
    after,
    source: sourceBlock(settings, schema, table, position),
    // Only with provide.transaction.metadata=true, which the bridge does not emulate.
    transaction: null,
    op,
    ts_ms: floorDiv(nowUs, 1000n),
    ts_us: nowUs,
    ts_ns: nowUs * 1000n,
  };
  return { schema, table, key, value, headers };
}

/** Both keys are built from the same columns in the same order, so equal values print equally. */
function sameJson(a: JsonObject, b: JsonObject): boolean {
  return writeJson(a) === writeJson(b);
}
