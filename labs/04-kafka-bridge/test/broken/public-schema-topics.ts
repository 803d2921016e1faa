/**
 * Broken on purpose: names every topic <prefix>.public.<table>, as if every table lived in the
 * public schema. A table of another schema lands in a topic named after a public table that
 * may not exist — or may, and then two tables share it. The topics stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { kafkaRecordsFor, type ChangeEvent, type KafkaRecordDraft, type TopicRouting } from '../../src/envelope/index.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

function topicsInPublic(event: ChangeEvent, routing: TopicRouting): KafkaRecordDraft[] {
  return kafkaRecordsFor({ ...event, schema: 'public' }, routing);
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, kafkaRecordsFor: topicsInPublic }));
