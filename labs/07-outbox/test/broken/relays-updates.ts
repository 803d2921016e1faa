/**
 * Broken on purpose: takes every change of the outbox table that carries a new row — INSERT
 * or UPDATE — for an event. An event, once written, is a fact; a fix-up of its row (or a
 * status column someone adds) goes out as a second event with the same id, which every
 * consumer's inbox then turns away or, worse, applies. The route-table stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';
import { eventFromRow, outboxEventOf, type Selection } from '../../src/relay/outbox-records.ts';
import { displayName } from '../../src/schema.ts';

const everyNewRow: typeof outboxEventOf = (captured, source): Selection => {
  if (source.variant === 'table' && captured.kind === 'change' && captured.event.value.op === 'u'
    && captured.event.schema === source.table.schema && captured.event.table === source.table.table) {
    return { kind: 'event', event: eventFromRow(captured.event.value.after, displayName(source.table)) };
  }
  return outboxEventOf(captured, source);
};

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, outboxEventOf: everyNewRow }));
