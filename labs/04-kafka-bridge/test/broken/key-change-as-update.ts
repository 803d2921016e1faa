/**
 * Broken on purpose: an update that changes the primary key goes out as one plain update under
 * the new key. The old key is never deleted, so a compacted topic keeps the row under both; the
 * tombstones stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { kafkaRecordsFor, type ChangeEvent, type KafkaRecordDraft, type TopicRouting } from '../../src/envelope/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

function keyChangeAsUpdate(event: ChangeEvent, routing: TopicRouting): KafkaRecordDraft[] {
  if ('__debezium.newkey' in event.headers) return [];
  const records = kafkaRecordsFor(event, routing);
  if (!('__debezium.oldkey' in event.headers)) return records;
  return records.map((record) => ({ ...record, headers: {}, value: record.value && { ...record.value, op: 'u' } }));
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, kafkaRecordsFor: keyChangeAsUpdate }));
