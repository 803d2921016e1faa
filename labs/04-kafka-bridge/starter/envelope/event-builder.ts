import { ReplicationError, type Lsn } from '@cdc-lab/common';
import type { PgoutputMessage } from '../pgoutput/messages.ts';
import { RelationCache } from '../pgoutput/relation-cache.ts';
import { columnMap, primaryKeyMap, tableKey, type ColumnRow, type PrimaryKeyRow, type UserTypeRow } from './catalog.ts';
import type { ChangeEvent } from './envelope.ts';
import { shapeChange } from './shape.ts';
import type { SourceSettings } from './source.ts';
import { tableShape, type TableShape } from './table-shape.ts';
import { TypeCatalog } from './type-catalog.ts';
import type { UnknownTypePolicy } from './values/convert.ts';

export interface EventBuilderOptions extends SourceSettings {
  /** From PRIMARY_KEYS_SQL: the Kafka key of each table. Without it, the replica identity stands in. */
  primaryKeys?: readonly PrimaryKeyRow[];
  /** From USER_TYPES_SQL: what each enum, domain and extension type is. */
  userTypes?: readonly UserTypeRow[];
  /** From COLUMNS_SQL: NOT NULL and defaults, which decide what a null becomes. Without it, a null stays null. */
  columns?: readonly ColumnRow[];
  unknownTypes?: UnknownTypePolicy;
  /** Where the last committed transaction ended, when resuming from a stored position. */
  lastCommitLsn?: Lsn | null;
  /** Microseconds since the epoch, for the envelope's ts_ms/ts_us/ts_ns. */
  clock?: () => bigint;
}

/**
 * The stream side of shaping: feed it every decoded message in order, with the LSN it arrived
 * with, and it returns the events of the changes among them. It remembers what a change alone
 * does not carry — the table shapes (Relation, Type), the transaction around the change
 * (Begin: xid and commit time) and where the previous transaction ended (Commit), which
 * Debezium reports in `source.sequence`.
 */
export class ChangeEventBuilder {
  private readonly relations = new RelationCache();
  private readonly types = new TypeCatalog();
  /** By relation OID; rebuilt when a newer Relation message replaces the one it was built from. */
  private readonly shapes = new Map<number, TableShape>();
  private primaryKeys: Map<string, readonly string[]> | undefined;
  private columns: Map<string, Map<string, ColumnRow>> | undefined;
  private transaction: { xid: number; commitTimeUs: bigint } | null = null;
  private lastCommit: Lsn | null;
  private readonly clock: () => bigint;

  constructor(private readonly options: EventBuilderOptions) {
    this.lastCommit = options.lastCommitLsn ?? null;
    this.clock = options.clock ?? systemClockMicros;
    if (options.primaryKeys) this.primaryKeys = primaryKeyMap(options.primaryKeys);
    if (options.userTypes) this.types.addUserTypes(options.userTypes);
    if (options.columns) this.columns = columnMap(options.columns);
  }

  /** The end LSN of the last transaction whose Commit went through here. */
  get lastCommitLsn(): Lsn | null {
    return this.lastCommit;
  }

  accept(message: PgoutputMessage, walLsn: Lsn): ChangeEvent[] {
    switch (message.tag) {
      case 'begin':
        this.transaction = { xid: message.xid, commitTimeUs: message.commitTimeUs };
        return [];
      case 'commit':
        // The Commit arrives at the end of its transaction: what the next one reports as "last commit".
        this.lastCommit = walLsn;
        this.transaction = null;
        return [];
      case 'relation':
      case 'type':
        this.relations.remember(message);
        if (message.tag === 'type') this.types.learn(message);
        return [];
      case 'origin':
      case 'message':
        // Origins only say where a replayed transaction came from; logical messages are lab 7's.
        return [];
      case 'insert':
      case 'update':
      case 'delete':
      case 'truncate': {
        if (!this.transaction) {
          throw new ReplicationError(`a ${message.tag} arrived outside a transaction`, {
            hint: 'every change comes between a Begin and a Commit: feed the builder every message of the stream, in order',
          });
        }
        const position = { lsn: walLsn, lastCommitLsn: this.lastCommit, ...this.transaction };
        return shapeChange(message, (relationId) => this.shapeOf(relationId), position, this.options, this.clock());
      }
    }
  }

  /** Catalog answers can change (a new enum, a new key): call after re-running the queries. */
  updateCatalog(catalog: { primaryKeys?: readonly PrimaryKeyRow[]; userTypes?: readonly UserTypeRow[]; columns?: readonly ColumnRow[] }): void {
    if (catalog.primaryKeys) this.primaryKeys = primaryKeyMap(catalog.primaryKeys);
    if (catalog.userTypes) this.types.addUserTypes(catalog.userTypes);
    if (catalog.columns) this.columns = columnMap(catalog.columns);
    // Shapes hold converters and keys chosen with the old answers.
    this.shapes.clear();
  }

  private shapeOf(relationId: number): TableShape {
    const relation = this.relations.relation(relationId);
    const cached = this.shapes.get(relationId);
    if (cached && cached.relation === relation) return cached;
    const table = tableKey(relation.namespace, relation.name);
    const facts = {
      primaryKey: this.primaryKeys ? this.primaryKeys.get(table) ?? null : undefined,
      columns: this.columns?.get(table),
    };
    const shape = tableShape(relation, this.types, facts, this.options.unknownTypes ?? 'omit');
    this.shapes.set(relationId, shape);
    return shape;
  }
}

/** Wall-clock microseconds: performance.now() has sub-millisecond resolution, Date.now() does not. */
export function systemClockMicros(): bigint {
  return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000));
}
