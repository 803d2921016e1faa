import { ReplicationError } from '@cdc-lab/common';
import type { RelationMessage, TypeMessage } from './messages.ts';

/**
 * What the stream has said so far about tables and types. Changes carry only a relation OID and
 * bare values, so the names and types of their columns come from the last Relation message for
 * that OID. pgoutput sends a Relation once per session before the table's first change, and
 * again after an ALTER TABLE — the newer one replaces the older: a change is always decoded
 * against the shape the table had when the change was written.
 */
export class RelationCache {
  private readonly relations = new Map<number, RelationMessage>();
  private readonly types = new Map<number, TypeMessage>();

  remember(message: RelationMessage | TypeMessage): void {
    if (message.tag === 'relation') this.relations.set(message.relationId, message);
    else this.types.set(message.typeOid, message);
  }

  /** The table a change refers to; a change before its Relation means messages were lost. */
  relation(relationId: number): RelationMessage {
    const relation = this.relations.get(relationId);
    if (!relation) {
      throw new ReplicationError(`a change refers to relation OID ${relationId}, but no Relation message for it has been seen`, {
        hint: 'Relation messages arrive once per replication session, before the first change of each table: decode every message from the start of the session, and start a fresh cache when you reconnect',
      });
    }
    return relation;
  }

  hasRelation(relationId: number): boolean {
    return this.relations.has(relationId);
  }

  /** A non-built-in type named by a Type message, if one was sent. */
  type(typeOid: number): TypeMessage | undefined {
    return this.types.get(typeOid);
  }
}
