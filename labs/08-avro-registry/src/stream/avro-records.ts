import { kafkaRecordsFor, serializeRecord, type ChangeEvent } from '@cdc-lab/04-kafka-bridge/envelope';
import type { RecordOrigin } from '@cdc-lab/04-kafka-bridge/produce/record-batch';
import type { frame } from '../wire-format.ts';
import type { RegisteredTables } from './registered-tables.ts';

/** A Kafka record as the bridge sends it: key and value in the wire format. */
export interface AvroRecord {
  topic: string;
  key: Buffer | null;
  /** null: a tombstone. */
  value: Buffer | null;
  headers: Record<string, string>;
  /** The table and the key as JSON: Avro bytes do not say which change a refused record was. */
  origin: RecordOrigin;
  /** What lab 4 would have sent for the same change, key plus value as JSON: for `sizes`. */
  jsonBytes: number;
}

/**
 * One change event → its Kafka records, as lab 4 makes them (the event, and after a delete a
 * tombstone with the same key), but with key and value written in Avro and framed with the ids
 * of the schemas they were written with.
 */
export async function avroRecordsFor(event: ChangeEvent, topicPrefix: string, tables: RegisteredTables, frameRecord: typeof frame): Promise<AvroRecord[]> {
  const table = await tables.forEvent(event);
  return kafkaRecordsFor(event, { prefix: topicPrefix }).map((draft) => {
    const json = serializeRecord(draft);
    const key = draft.key === null || table.keyId === null ? null : frameRecord(table.keyId, table.schemas.encodeKey(draft.key));
    const value = draft.value === null ? null : frameRecord(table.valueId, table.schemas.encodeValue(draft.value));
    return {
      topic: draft.topic,
      key,
      value,
      headers: json.headers,
      origin: { table: `${event.schema}.${event.table}`, key: json.key ?? '(none)' },
      jsonBytes: Buffer.byteLength(json.key ?? '') + Buffer.byteLength(json.value ?? ''),
    };
  });
}
