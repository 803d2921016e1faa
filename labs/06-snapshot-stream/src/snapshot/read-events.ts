import type { Lsn } from '@cdc-lab/common';
import type { CatalogFacts } from '@cdc-lab/04-kafka-bridge/capture';
import {
  DEBEZIUM_VERSION, TypeCatalog, columnMap, keyOf, primaryKeyMap, rowImage, sourceBlock, systemClockMicros, tableKey, tableShape,
  type ChangeEvent, type SnapshotMarker, type TableShape,
} from '@cdc-lab/04-kafka-bridge/envelope';
import type { TupleValue } from '@cdc-lab/04-kafka-bridge/pgoutput';
import type { SnapshotTable } from './tables.ts';

/**
 * Snapshot rows as `op: "r"` (read) events. The row goes through the same converters as a
 * streamed row of the same table (rowImage, keyOf), so a consumer cannot tell a value that
 * came from a SELECT from one that came from the WAL.
 *
 * The source block is the streamed one with two differences, as in Debezium: `snapshot` says
 * where in the snapshot the row is (see markers.ts), and the position is the snapshot's — the
 * slot's consistent point for the initial snapshot, the high watermark for an incremental
 * chunk. txId is null: a snapshot read belongs to no transaction that wrote it.
 */
export class ReadEventShaper {
  private readonly types = new TypeCatalog();
  private readonly shapes = new Map<string, TableShape>();

  constructor(private readonly settings: { topicPrefix: string; database: string }, private readonly catalog: CatalogFacts) {
    this.types.addUserTypes(catalog.userTypes);
  }

  readEvent(table: SnapshotTable, values: readonly TupleValue[], marker: SnapshotMarker, lsn: Lsn): ChangeEvent {
    const shape = this.shapeOf(table);
    const after = rowImage(shape, values);
    const nowUs = systemClockMicros();
    const source = sourceBlock({ ...this.settings, version: DEBEZIUM_VERSION }, table.schema, table.name, { lsn, lastCommitLsn: null, xid: 0, commitTimeUs: nowUs });
    return {
      schema: table.schema,
      table: table.name,
      key: keyOf(shape, after),
      value: {
        before: null,
        after,
        source: { ...source, snapshot: marker, txId: null },
        transaction: null,
        op: 'r',
        ts_ms: nowUs / 1000n,
        ts_us: nowUs,
        ts_ns: nowUs * 1000n,
      },
      headers: {},
    };
  }

  private shapeOf(table: SnapshotTable): TableShape {
    const name = tableKey(table.schema, table.name);
    let shape = this.shapes.get(name);
    if (!shape) {
      const facts = { primaryKey: primaryKeyMap(this.catalog.primaryKeys).get(name) ?? table.keyColumns, columns: columnMap(this.catalog.columns).get(name) };
      shape = tableShape(table.relation, this.types, facts, 'omit');
      this.shapes.set(name, shape);
    }
    return shape;
  }
}
