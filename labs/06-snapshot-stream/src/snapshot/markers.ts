import type { SnapshotMarker } from '@cdc-lab/04-kafka-bridge/envelope';

/**
 * `source.snapshot` of an initial-snapshot row, as Debezium 3.0 writes it (SnapshotRecord):
 *
 *   first                     the very first row of the snapshot
 *   first_in_data_collection  the first row of each further table
 *   last_in_data_collection   the last row of each table but the last
 *   last                      the very last row: the snapshot is complete
 *   true                      every other row
 *
 * A table of one row is both first and last of its table: "last…" wins, because consumers use
 * it to know a table (or the snapshot) is complete. Streamed changes say "false", rows of an
 * incremental snapshot "incremental".
 */
export function snapshotMarker(position: { firstTable: boolean; lastTable: boolean; firstRow: boolean; lastRow: boolean }): SnapshotMarker {
  if (position.lastRow) return position.lastTable ? 'last' : 'last_in_data_collection';
  if (position.firstRow) return position.firstTable ? 'first' : 'first_in_data_collection';
  return 'true';
}
