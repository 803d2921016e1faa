/**
 * Broken on purpose: follows every event without an after image with a tombstone — deletes,
 * and truncates too. A truncate has no key, so its "tombstone" is a record with neither key nor
 * value: a compacted topic refuses it, and a consumer sees a record that stands for nothing.
 * The truncate stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { kafkaRecordsFor, type ChangeEvent, type KafkaRecordDraft, type TopicRouting } from '../../src/envelope/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

function tombstoneAfterEveryRemoval(event: ChangeEvent, routing: TopicRouting): KafkaRecordDraft[] {
  const [record] = kafkaRecordsFor(event, routing);
  return event.value.after === null ? [record!, { ...record!, value: null }] : [record!];
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, kafkaRecordsFor: tombstoneAfterEveryRemoval }));
