import type { ChangeEvent } from '@cdc-lab/04-kafka-bridge/envelope';
import { writeJson } from '@cdc-lab/04-kafka-bridge/json';

/**
 * The heart of the watermark technique (DBLog). A chunk is SELECTed between a low and a high
 * watermark, two rows the program writes to the signal table before and after the SELECT.
 * In the stream, every change between the two watermarks happened around the SELECT — before
 * or after it, nobody can tell. For those rows the stream's own events are the truth, so the
 * chunk's copy is dropped; every other row of the chunk had the same value at the SELECT as
 * at the high watermark, and is emitted there.
 */
export interface WindowChanges {
  /** The chunk's table, schema-qualified: "public.items". */
  readonly table: string;
  /** True once the low watermark has arrived in the stream; the window closes at the high one. */
  open: boolean;
  /** keyString() of every key of the chunk's table that changed while the window was open. */
  readonly changedKeys: Set<string>;
  /** True when the chunk's table was truncated while the window was open. */
  truncated: boolean;
}

export function newWindow(table: string): WindowChanges {
  return { table, open: false, changedKeys: new Set(), truncated: false };
}

/** Every streamed change passes here, in stream order, while a chunk is under way. */
export function noteChange(window: WindowChanges, event: ChangeEvent): void {
  if (!window.open) return;
  if (`${event.schema}.${event.table}` !== window.table) return;
  if (event.value.op === 't') window.truncated = true;
  else window.changedKeys.add(keyString(event));
}

/** At the high watermark: the chunk's rows that may still be emitted, in their order. */
export function dropChangedRows(chunk: readonly ChangeEvent[], window: WindowChanges): ChangeEvent[] {
  if (window.truncated) return [];
  return chunk.filter((event) => !window.changedKeys.has(keyString(event)));
}

/** A key as one comparable string: the same columns in the same order print the same. */
export function keyString(event: ChangeEvent): string {
  return event.key === null ? '' : writeJson(event.key);
}
