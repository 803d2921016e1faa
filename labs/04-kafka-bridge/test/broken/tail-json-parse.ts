/**
 * Broken on purpose: tail digests each value with JSON.parse and JSON.stringify. JSON.parse
 * reads every number as a double, so a bigint id beyond 2^53 is printed one off —
 * 9007199254740993 as 9007199254740992 — and the person reading the tail looks for the wrong
 * row. The tail stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

function digestWithJsonParse(value: string): string {
  const { op, ts_ms, before, after, source } = JSON.parse(value) as Record<string, unknown>;
  return JSON.stringify({ op, ts_ms, before, after, source });
}

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, tailDigest: digestWithJsonParse }));
