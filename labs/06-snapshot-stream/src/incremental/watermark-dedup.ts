import type { ChangeEvent } from '@cdc-lab/04-kafka-bridge/envelope';
import { writeJson } from '@cdc-lab/04-kafka-bridge/json';

/**
 * The heart of the watermark technique (DBLog). A chunk was SELECTed between a low and a high
 * watermark; in the stream, every change between the two watermarks happened around the
 * SELECT — before or after it, nobody can tell. For those rows the stream's own events are
 * the truth, so the chunk's copy is dropped; every other row of the chunk had the same value
 * at the SELECT as at the high watermark, and is emitted there.
 *
 * `changedKeys` holds keyString() of every key of the chunk's table that changed between the
 * watermarks.
 */
export function dropChangedRows(chunk: readonly ChangeEvent[], changedKeys: ReadonlySet<string>): ChangeEvent[] {
  return chunk.filter((event) => !changedKeys.has(keyString(event)));
}

/** A key as one comparable string: the same columns in the same order print the same. */
export function keyString(event: ChangeEvent): string {
  return event.key === null ? '' : writeJson(event.key);
}
