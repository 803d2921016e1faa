import type pg from 'pg';
import { todo } from '@cdc-lab/common';
import { SIGNAL_TABLE } from '../../src/connector/helper-tables.ts';

/**
 * Ask the running connector for an incremental snapshot of `tables` (`schema.table` each).
 * Returns the signal's id.
 */
export async function requestIncrementalSnapshot(client: pg.ClientBase, tables: readonly string[]): Promise<string> {
  // TODO: insert one row into the signal table (SIGNAL_TABLE: columns id, type, data): a new
  //   id, the type 'execute-snapshot', and as data the JSON {"data-collections": [...tables],
  //   "type": "incremental"}. The connector reads the insert from the WAL and does the rest.
  void [client, tables, SIGNAL_TABLE];
  return todo('asking for an incremental snapshot through the signal table', 'docs/09-debezium.md#incremental-snapshots-through-the-signal-table');
}
