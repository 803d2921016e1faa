import { CaughtUpStream } from '@cdc-lab/03-logical-streamer/caught-up-stream';
import type { ReplicationStreamOptions, XLogData } from '@cdc-lab/03-logical-streamer/replication';

// The first byte of a pgoutput message: where transactions begin and end.
const enum PgoutputTag {
  Begin = 0x42, // 'B'
  Commit = 0x43, // 'C'
}

/**
 * Lab 3's caught-up stream (lab 3's extension), reading pgoutput's transaction boundaries, for
 * the bridges of labs 4 and 5.
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
export class BridgeStream extends CaughtUpStream {
  static override async open(options: ReplicationStreamOptions): Promise<BridgeStream> {
    // ReplicationStream.open builds `new this(…)`: called on this class, it makes a BridgeStream.
    return (await super.open(options)) as BridgeStream;
  }

  protected override boundaryOf(message: XLogData): 'begin' | 'commit' | undefined {
    if (message.data[0] === PgoutputTag.Begin) return 'begin';
    if (message.data[0] === PgoutputTag.Commit) return 'commit';
    return undefined;
  }
}
