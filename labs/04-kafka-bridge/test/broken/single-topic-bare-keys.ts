/**
 * Broken on purpose: with --single-topic, keys records by the primary key alone, without
 * naming the table. Row 1 of users and row 1 of orders become one key in the shared topic:
 * compaction keeps only the later one, and a tombstone for one erases the other. The
 * single-topic stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { kafkaRecordsFor, type ChangeEvent, type KafkaRecordDraft, type TopicRouting } from '../../src/envelope/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

function bareKeys(event: ChangeEvent, routing: TopicRouting): KafkaRecordDraft[] {
  return kafkaRecordsFor(event, routing).map((record) => ({ ...record, key: event.key }));
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, kafkaRecordsFor: bareKeys }));
