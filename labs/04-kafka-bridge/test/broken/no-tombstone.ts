/**
 * Broken on purpose: produces the delete event but not the tombstone after it, so a compacted
 * topic keeps the deleted row's key for ever. The tombstones stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { kafkaRecordsFor, type ChangeEvent, type KafkaRecordDraft, type TopicRouting } from '../../src/envelope/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

function withoutTombstones(event: ChangeEvent, routing: TopicRouting): KafkaRecordDraft[] {
  return kafkaRecordsFor(event, routing).filter((record) => record.value !== null);
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, kafkaRecordsFor: withoutTombstones }));
