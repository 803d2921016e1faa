import type { Duplex } from 'node:stream';
import pg from 'pg';
import { ReplicationError } from '@cdc-lab/common';
import { todo } from '@cdc-lab/common';
import { explainPostgresError, type ErrorContext } from '../../src/replication/errors.ts';

/**
 * A replication connection: an ordinary Postgres connection opened with the startup parameter
 * `replication=database`. The backend serving it is a walsender, which accepts replication
 * commands (CREATE_REPLICATION_SLOT, START_REPLICATION …) and, because it is bound to a
 * database, plain SQL as well — through the simple query protocol only.
 *
 * node-postgres has no replication API, but it has all the pieces: it passes the startup
 * parameter, parses CopyData frames and can send them. The parts @types/pg does not declare
 * are described by CopyBothWire and checked when the connection opens.
 */
interface CopyBothWire {
  readonly stream: Duplex;
  /** Send one CopyData frame. */
  sendCopyFromChunk(chunk: Buffer): void;
  /** Send CopyDone: "I have nothing more to send on this copy stream". */
  endCopyFrom(): void;
  on(event: 'copyData', listener: (message: { chunk: Buffer }) => void): unknown;
  once(event: 'replicationStart', listener: () => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
}

export class ReplicationConnection {
  private lost: Error | undefined;

  private constructor(private readonly client: pg.Client, private readonly wire: CopyBothWire, readonly user: string, private readonly slot: string) {
    client.on('error', (error) => {
      this.lost ??= error;
    });
  }

  /**
   * Open a connection whose backend is a walsender bound to the database in the URL. The only
   * difference from an ordinary connection is one startup parameter: `replication=database`.
   * Without it the backend is an ordinary one and refuses every replication command; with
   * `replication=true` it would be a physical walsender, which cannot decode.
   */
  static async open(connectionString: string, slot: string): Promise<ReplicationConnection> {
    // TODO: open a pg.Client whose backend is a walsender bound to the database, and connect.
    //   What single startup parameter turns an ordinary connection into that, and why
    //   'database' rather than 'true'? When connecting fails (no REPLICATION attribute, no
    //   pg_hba.conf line), what does the person at the terminal need instead of Postgres's
    //   raw error (errors.ts, step 'connect')? Once connected, copyBothWireOf(client) gives the
    //   CopyData methods the constructor wants.
    return todo('opening a replication connection', 'docs/03-logical-streamer.md#replication-connections');
  }

  /** Run a command or query (simple protocol) and return its rows. */
  async query<Row extends pg.QueryResultRow>(text: string, step: ErrorContext['step']): Promise<Row[]> {
    try {
      const result = await this.client.query<Row>(text);
      return result.rows;
    } catch (error) {
      throw this.explain(error, step);
    }
  }

  /**
   * Send a command that answers with CopyBothResponse (START_REPLICATION) and resolve once the
   * server has switched to copy mode. From then on frames arrive through `onFrame`, and the
   * returned promise `ended` settles when the server finishes the command (after our CopyDone)
   * or rejects when it fails or the connection dies.
   */
  async startCopyBoth(command: string, onFrame: (frame: Buffer) => void): Promise<{ ended: Promise<void> }> {
    this.wire.on('copyData', (message) => onFrame(message.chunk));
    let started!: () => void;
    const inCopyMode = new Promise<'copy'>((resolve) => {
      started = () => resolve('copy');
    });
    this.wire.once('replicationStart', started);
    const command$ = this.client.query(command);
    try {
      // Whichever comes first: copy mode, or the command failing (slot busy, missing, …).
      await Promise.race([inCopyMode, command$]);
    } catch (error) {
      throw this.explain(error, 'start');
    } finally {
      this.wire.removeListener('replicationStart', started);
    }
    const ended = command$.then(() => undefined, (error: unknown) => {
      throw this.explain(error, 'stream');
    });
    // The stream awaits `ended` only when it closes; until then a failure reaches it as an event.
    ended.catch(() => {});
    return { ended };
  }

  send(frame: Buffer): void {
    if (this.lost) return;
    this.wire.sendCopyFromChunk(frame);
  }

  endCopy(): void {
    if (this.lost) return;
    this.wire.endCopyFrom();
  }

  /** Stop reading from the socket while the consumer catches up (TCP then slows the server). */
  pause(): void {
    this.wire.stream.pause();
  }

  resume(): void {
    this.wire.stream.resume();
  }

  get isLost(): boolean {
    return this.lost !== undefined;
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }

  private explain(error: unknown, step: ErrorContext['step']) {
    return explainPostgresError(error, { step, slot: this.slot, user: this.user });
  }
}

/** The CopyData methods of an open client's connection; the client is closed if they are missing. */
async function copyBothWireOf(client: pg.Client): Promise<CopyBothWire> {
  const wire: unknown = client.connection;
  if (isCopyBothWire(wire)) return wire;
  await client.end().catch(() => {});
  throw new ReplicationError('this version of node-postgres cannot send CopyData frames', {
    hint: 'the lab is tested with pg 8.23.1; run pnpm install to get it',
  });
}

function isCopyBothWire(value: unknown): value is CopyBothWire {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.sendCopyFromChunk === 'function'
    && typeof candidate.endCopyFrom === 'function'
    && typeof candidate.on === 'function'
    && typeof candidate.stream === 'object';
}
