/**
 * Broken on purpose: a tombstone without its delete's headers. After a key change, a consumer
 * that reads the compacted topic sees the old key's end but not where the row went; the
 * tombstones stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { kafkaRecordsFor, type ChangeEvent, type KafkaRecordDraft, type TopicRouting } from '../../src/envelope/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

function bareTombstones(event: ChangeEvent, routing: TopicRouting): KafkaRecordDraft[] {
  return kafkaRecordsFor(event, routing).map((record) => (record.value === null ? { ...record, headers: {} } : record));
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, kafkaRecordsFor: bareTombstones }));
