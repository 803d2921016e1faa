import type { XLogData } from '@cdc-lab/03-logical-streamer/replication';
import { tableKey, type TypeCatalog } from '@cdc-lab/04-kafka-bridge/envelope';
import { decodePgoutput, type RelationMessage } from '@cdc-lab/04-kafka-bridge/pgoutput';

// The first byte of a pgoutput message: the two that describe shapes rather than changes.
const enum PgoutputTag {
  Relation = 0x52, // 'R'
  Type = 0x59, // 'Y'
}

/**
 * The schemas are derived from Relation messages, which lab 4's capture reads and keeps to
 * itself. This tap watches the stream on its way to the capture and remembers, per table, the
 * latest Relation message — the shape every following change of that table is in — and learns
 * the names of user types from Type messages.
 */
export class RelationTap {
  private readonly latest = new Map<string, RelationMessage>();

  constructor(private readonly types: TypeCatalog) {}

  relationOf(schema: string, table: string): RelationMessage | undefined {
    return this.latest.get(tableKey(schema, table));
  }

  async *watch(stream: AsyncIterable<XLogData>): AsyncGenerator<XLogData> {
    for await (const xlog of stream) {
      const tag = xlog.data[0];
      if (tag === PgoutputTag.Relation || tag === PgoutputTag.Type) {
        const message = decodePgoutput(xlog.data);
        if (message.tag === 'relation') this.latest.set(tableKey(message.namespace, message.name), message);
        if (message.tag === 'type') this.types.learn(message);
      }
      yield xlog;
    }
  }
}
