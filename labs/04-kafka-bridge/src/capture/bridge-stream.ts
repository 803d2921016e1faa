import type { Lsn } from '@cdc-lab/common';
import { ReplicationStream, type PrimaryKeepalive, type ReplicationStreamOptions, type XLogData } from '@cdc-lab/03-logical-streamer/replication';

// The first byte of a pgoutput message: where transactions begin and end.
const enum PgoutputTag {
  Begin = 0x42, // 'B'
  Commit = 0x43, // 'C'
}

/**
 * Lab 3's stream, knowing when the bridge is caught up (lab 3's first challenge), for the
 * bridges of labs 4 and 5.
 *
 * The bridge confirms the ends of the transactions it has committed to Kafka, but the WAL goes
 * on past them: other databases' work, checkpoints, tables outside the publication. A
 * keepalive says "I have sent you everything up to W". If, once the messages that came before
 * it have been handed out, the bridge is waiting for more and has confirmed every transaction
 * it was given, nothing before W is pending, and W may be confirmed. Without that the slot
 * holds WAL back while the captured tables are quiet — and Postgres cannot even shut down: a
 * walsender leaves only once its client has confirmed everything sent, the shutdown
 * checkpoint included.
 */
export class BridgeStream extends ReplicationStream {
  private handedOut = 0;
  private waitingForMore = false;
  private insideTransaction = false;
  /** Where the commit record of the last transaction handed out ends. */
  private lastCommitEnd: Lsn | null = null;

  static override async open(options: ReplicationStreamOptions): Promise<BridgeStream> {
    // ReplicationStream.open builds `new this(…)`: called on this class, it makes a BridgeStream.
    return (await super.open(options)) as BridgeStream;
  }

  override async *[Symbol.asyncIterator](): AsyncIterator<XLogData> {
    const messages = super[Symbol.asyncIterator]();
    for (;;) {
      this.waitingForMore = true;
      const next = await messages.next();
      this.waitingForMore = false;
      if (next.done) return;
      const message = next.value;
      this.handedOut += 1;
      if (message.data[0] === PgoutputTag.Begin) this.insideTransaction = true;
      if (message.data[0] === PgoutputTag.Commit) {
        this.insideTransaction = false;
        // A Commit message comes at the end of its commit record.
        this.lastCommitEnd = message.walStart;
      }
      yield message;
    }
  }

  protected override answerKeepalive(keepalive: PrimaryKeepalive): void {
    const handedOutBefore = this.handedOut;
    // Messages that arrived before the keepalive reach the consumer in promise callbacks, all
    // of which run before the next turn of the event loop: look again then.
    setImmediate(() => {
      const nothingPending = this.waitingForMore && this.handedOut === handedOutBefore && !this.insideTransaction
        && (this.lastCommitEnd === null || !this.confirmedLsn.isBefore(this.lastCommitEnd));
      if (nothingPending) this.confirmFlushedLsn(keepalive.walEnd);
      super.answerKeepalive(keepalive);
    });
  }
}
