import { Lsn, todo } from '@cdc-lab/common';
import { ReplicationConnection } from './connection.ts';
import { explainPostgresError } from '../../src/replication/errors.ts';
import {
  decodeServerMessage,
  encodeStandbyStatusUpdate,
  type PrimaryKeepalive,
  type ServerMessage,
  type StandbyStatus,
  type XLogData,
} from './messages.ts';
import { ensureSlot, type Slot } from './slot.ts';
import { quoteIdentifier, quoteLiteral } from '../../src/replication/sql-text.ts';

export interface ReplicationStreamOptions {
  connectionString: string;
  slot: string;
  /** The output plugin: test_decoding here, pgoutput from lab 4 on. */
  plugin: string;
  /** Options for the plugin, passed in START_REPLICATION (pgoutput needs proto_version, publication_names). */
  pluginOptions?: Readonly<Record<string, string>>;
  /** How often to tell the server our position unasked. Postgres's own standbys use 10 s. */
  statusIntervalMs?: number;
  /** Where to start; 0/0 (the default) means "where the slot's confirmed position is". */
  startLsn?: Lsn;
}

export const DEFAULT_STATUS_INTERVAL_MS = 10_000;

// Bounded memory whatever the transaction size: stop reading the socket when the consumer is
// this far behind, and read on once it has caught up to the low mark.
const INBOX_HIGH_WATER = 1_000;
const INBOX_LOW_WATER = 100;

/**
 * The replication transport, cut the way Debezium cuts it: it moves messages and positions and
 * knows nothing of what the messages mean.
 *
 *   open()               connect, make sure the slot exists, START_REPLICATION
 *   for await (…)        XLogData messages, in WAL order
 *   confirmFlushedLsn()  the consumer's explicit promise: "everything up to here is handled"
 *   close()              report the position one last time, end the copy stream, disconnect
 *
 * Two positions are kept apart on purpose. `receivedLsn` is how far the server has sent;
 * `confirmedLsn` is how far the consumer has confirmed. Only the second is ever reported as
 * flushed, in every status update — periodic, in answer to a keepalive, and at close — because
 * the server treats it as the slot's new restart point and will never send older changes again.
 */
export class ReplicationStream implements AsyncIterable<XLogData> {
  private received: Lsn;
  private confirmed: Lsn;
  private readonly inbox: XLogData[] = [];
  private wakeConsumer: (() => void) | undefined;
  private failure: Error | undefined;
  private serverEnded = false;
  private stopRequested = false;
  private closing: Promise<void> | undefined;
  private paused = false;
  private statusTimer: NodeJS.Timeout | undefined;
  private ended: Promise<void> = Promise.resolve();

  protected constructor(
    protected readonly connection: ReplicationConnection,
    readonly slot: Slot,
    protected readonly options: Required<Omit<ReplicationStreamOptions, 'connectionString'>>,
  ) {
    this.confirmed = slot.confirmedFlushLsn;
    this.received = slot.confirmedFlushLsn;
  }

  static async open(options: ReplicationStreamOptions): Promise<ReplicationStream> {
    const connection = await ReplicationConnection.open(options.connectionString, options.slot);
    try {
      const slot = await ensureSlot(connection, options.slot, options.plugin);
      const stream = new this(connection, slot, {
        slot: options.slot,
        plugin: options.plugin,
        pluginOptions: options.pluginOptions ?? {},
        statusIntervalMs: options.statusIntervalMs ?? DEFAULT_STATUS_INTERVAL_MS,
        startLsn: options.startLsn ?? Lsn.ZERO,
      });
      await stream.start();
      return stream;
    } catch (error) {
      await connection.close();
      throw error;
    }
  }

  /** How far the server has sent (XLogData and keepalives). Never reported as flushed. */
  get receivedLsn(): Lsn {
    return this.received;
  }

  /** How far the consumer has confirmed: what the slot will resume from after a restart. */
  get confirmedLsn(): Lsn {
    return this.confirmed;
  }

  /**
   * Acknowledging is its own explicit step: call this only once everything up to `lsn` is
   * safely handled (printed, produced, stored). The server hears about it at the next status
   * update — within statusIntervalMs, at once if it asks, and at close. Positions only move
   * forward: an older LSN is ignored rather than rewinding the slot.
   */
  confirmFlushedLsn(lsn: Lsn): void {
    if (lsn.isAfter(this.confirmed)) this.confirmed = lsn;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<XLogData> {
    for (;;) {
      if (this.stopRequested) return;
      const message = this.inbox.shift();
      if (message) {
        if (this.paused && this.inbox.length <= INBOX_LOW_WATER) {
          this.paused = false;
          this.connection.resume();
        }
        yield message;
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.serverEnded) return;
      await new Promise<void>((resolve) => {
        this.wakeConsumer = resolve;
      });
      this.wakeConsumer = undefined;
    }
  }

  /** Let the consumer's loop end after the message it is handling (Ctrl-C). */
  stop(): void {
    this.stopRequested = true;
    this.wake();
  }

  /**
   * Say goodbye properly: a last status update with the confirmed position (so nothing printed
   * is sent again), CopyDone, wait for the server to finish the command, disconnect. The slot
   * is inactive once this returns.
   */
  close(): Promise<void> {
    this.closing ??= this.closeOnce();
    return this.closing;
  }

  // ——— the protocol, step by step ———

  private async start(): Promise<void> {
    const command = startReplicationCommand(this.options);
    // Frames arrive in node-postgres's event handler: anything thrown there would end the
    // process, not the stream, so whatever receiveFrame throws ends the stream instead.
    const { ended } = await this.connection.startCopyBoth(command, (frame) => {
      try {
        this.receiveFrame(frame);
      } catch (error) {
        this.fail(error);
      }
    });
    this.ended = ended;
    ended.then(
      () => this.finish(),
      (error: unknown) => this.fail(error),
    );
    this.startStatusTimer();
  }

  /**
   * Every CopyData frame the server sends lands here, in order. Both kinds of message say how
   * far the server has sent; only XLogData carries something for the consumer.
   */
  private receiveFrame(frame: Buffer): void {
    // TODO: decode the frame (this.decode) and dispatch it: a keepalive to answerKeepalive, an
    //   XLogData message to the consumer (deliver). Both say how far the server has sent: where
    //   do you keep that, and why is it never what you report as flushed? A frame you cannot
    //   decode must stop the stream (fail): what would skipping it cost?
    todo('dispatching the server\'s messages', 'docs/03-logical-streamer.md#streaming-changes');
  }

  // A method of its own so that a broken variant can decode the bytes wrongly.
  protected decode(frame: Buffer): ServerMessage {
    return decodeServerMessage(frame);
  }

  /**
   * The server asks for an answer when it has heard nothing for half of wal_sender_timeout;
   * with no answer by the full timeout it ends the connection. The answer is an ordinary
   * status update: it reports the confirmed position, never the received one.
   */
  protected answerKeepalive(keepalive: PrimaryKeepalive): void {
    // TODO: when the keepalive asks for a reply, answer at once with a status update.
    //   Which position does a status update report as flushed? (statusToReport says.)
    todo('answering a keepalive', 'docs/03-logical-streamer.md#keepalives');
  }

  /** Unasked status updates keep the server's view of our progress fresh while data flows. */
  protected startStatusTimer(): void {
    // TODO: send a status update every statusIntervalMs, asked or not, and keep the timer where
    //   stopStatusTimer finds it. Should a pending timer keep the process alive on its own?
    todo('sending status updates on a timer', 'docs/03-logical-streamer.md#status-updates');
  }

  /**
   * What every status update says — periodic, asked for, or the last one. Flushed becomes the
   * slot's confirmed_flush_lsn, so it may only be what the consumer confirmed; written is
   * informational, so it may run ahead.
   */
  protected statusToReport(): StandbyStatus {
    // TODO: the three positions and the clock of a status update. Which of the stream's two
    //   positions may be reported as flushed, knowing that it becomes the slot's restart point?
    //   Which may be reported as written? (Neither may go backwards.)
    return todo('choosing the positions to report', 'docs/03-logical-streamer.md#status-updates');
  }

  protected sendStatusUpdate(): void {
    if (this.failure || this.serverEnded || this.connection.isLost) return;
    try {
      this.connection.send(encodeStandbyStatusUpdate(this.statusToReport()));
    } catch (error) {
      this.fail(error);
    }
  }

  private deliver(message: XLogData): void {
    this.inbox.push(message);
    if (!this.paused && this.inbox.length >= INBOX_HIGH_WATER) {
      this.paused = true;
      this.connection.pause();
    }
    this.wake();
  }

  private async closeOnce(): Promise<void> {
    this.stop();
    this.stopStatusTimer();
    try {
      if (!this.failure && !this.serverEnded && !this.connection.isLost) {
        this.sendFinalStatusUpdate();
        this.connection.endCopy();
        if (this.paused) this.connection.resume();
        // The server answers CopyDone with its own and ends the command; do not wait forever.
        const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5_000).unref());
        await Promise.race([this.ended.catch(() => {}), timeout]);
      }
    } finally {
      await this.connection.close();
    }
  }

  /** The last word before CopyDone: without it, whatever was confirmed since the last update is sent again next time. */
  protected sendFinalStatusUpdate(): void {
    this.connection.send(encodeStandbyStatusUpdate(this.statusToReport()));
  }

  private stopStatusTimer(): void {
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.statusTimer = undefined;
  }

  private finish(): void {
    this.serverEnded = true;
    this.stopStatusTimer();
    this.wake();
  }

  /** Stop the stream with an error: the consumer's loop throws it once the messages before it are out. */
  protected fail(error: unknown): void {
    if (this.failure || this.closing) return;
    this.failure = explainPostgresError(error, { step: 'stream', slot: this.slot.name, user: this.connection.user });
    this.stopStatusTimer();
    this.wake();
  }

  private wake(): void {
    this.wakeConsumer?.();
  }
}

/** START_REPLICATION SLOT "s" LOGICAL 0/0 ("option" 'value', …) */
export function startReplicationCommand(options: { slot: string; startLsn: Lsn; pluginOptions: Readonly<Record<string, string>> }): string {
  // TODO: the START_REPLICATION command for a logical slot, with the start position and the
  //   plugin's options in parentheses (leave the parentheses out when there are none). Which
  //   parts are identifiers and which are literals (sql-text.ts quotes each kind)?
  return todo('starting replication', 'docs/03-logical-streamer.md#streaming-changes');
}
