import { ReplicationError } from '@cdc-lab/common';

/**
 * A value whose text is not in the spelling the converter reads. Almost always a session
 * setting of the decoding connection (DateStyle, IntervalStyle, bytea_output), so say which.
 */
export function unreadable(type: string, text: string, expected: string): ReplicationError {
  const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return new ReplicationError(`cannot read a ${type} value from ${JSON.stringify(shown)}: expected ${expected}`, {
    hint: 'values are parsed as printed under DateStyle=ISO, IntervalStyle=postgres and bytea_output=hex: pass connectionOptions() from envelope/values/output-settings.ts as the replication connection\'s options',
  });
}
