/**
 * Broken on purpose: treats every change of the outbox table as an event — the relay that
 * forwards row changes, lab 4 style. The DELETE of a cleaned-up row goes out as a record of
 * its own (built from the old row, of which only the key is known). The cleanup-delete stage
 * must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';
import { outboxEventOf, type Selection } from '../../src/relay/outbox-records.ts';

const everyChange: typeof outboxEventOf = (captured, source): Selection => {
  if (source.variant === 'table' && captured.kind === 'change' && captured.event.value.op === 'd'
    && captured.event.table === source.table.table && captured.event.schema === source.table.schema) {
    const before = captured.event.value.before ?? {};
    const text = (name: string) => String(before[name] ?? 'null');
    return { kind: 'event', event: { id: text('id'), aggregatetype: text('aggregatetype'), aggregateid: text('aggregateid'), type: 'Deleted', payload: null } };
  }
  return outboxEventOf(captured, source);
};

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, outboxEventOf: everyChange }));
