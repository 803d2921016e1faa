import { Lsn, ReplicationError } from '@cdc-lab/common';
import { fromPostgresMicros, toPostgresMicros } from './postgres-time.ts';

/*
 * The messages of streaming replication. Once START_REPLICATION has switched the connection
 * to CopyBoth mode, each one travels as the payload of a CopyData frame; the first byte says
 * which message it is. Integers are big-endian, LSNs unsigned 64-bit, times are microseconds
 * since 2000-01-01 (see postgres-time.ts).
 *
 *   server → client
 *     XLogData             'w'  walStart:u64  walEnd:u64  sendTime:i64  data:bytes…
 *     Primary keepalive    'k'  walEnd:u64    sendTime:i64  replyRequested:u8
 *
 *   client → server
 *     Standby status update 'r'  written:u64  flushed:u64  applied:u64  clock:i64  replyRequested:u8
 *
 * Decoding is kept apart from what the stream does with a message (stream.ts), so these are
 * pure functions of bytes and can be tested on buffers alone.
 */

const enum ServerTag {
  XLogData = 0x77, // 'w'
  PrimaryKeepalive = 0x6b, // 'k'
}

const enum ClientTag {
  StandbyStatusUpdate = 0x72, // 'r'
}

const XLOG_DATA_HEADER_BYTES = 1 + 8 + 8 + 8;
const KEEPALIVE_BYTES = 1 + 8 + 8 + 1;
const STATUS_UPDATE_BYTES = 1 + 8 + 8 + 8 + 8 + 1;

/** A piece of decoded output from the slot's plugin, and the WAL position it belongs to. */
export interface XLogData {
  tag: 'xlogdata';
  /**
   * The position of the WAL this output belongs to. For the last message of a transaction
   * (test_decoding's COMMIT line, pgoutput's Commit) it is the end of the commit record: the
   * position to confirm once the transaction is safely handled. Zero on messages that are not
   * the last write of a change (pgoutput's relation messages).
   */
  walStart: Lsn;
  /** Where the server's WAL stood when it sent this (equal to walStart for logical decoding). */
  walEnd: Lsn;
  sendTime: Date;
  /** The plugin's output as bytes: text for test_decoding, a binary format for pgoutput. */
  data: Buffer;
}

/** The server saying "still here, I have sent up to walEnd" — and sometimes "answer me now". */
export interface PrimaryKeepalive {
  tag: 'keepalive';
  walEnd: Lsn;
  sendTime: Date;
  replyRequested: boolean;
}

export type ServerMessage = XLogData | PrimaryKeepalive;

/** What the client tells the server about its progress. */
export interface StandbyStatus {
  /** Received and written somewhere (informational for logical slots). */
  written: Lsn;
  /** Durably handled: for a logical slot this becomes confirmed_flush_lsn, the restart point. */
  flushed: Lsn;
  applied: Lsn;
  clock: Date;
  /** Ask the server to answer at once with a keepalive (we never need to). */
  replyRequested: boolean;
}

/** Read one CopyData payload from the server. */
export function decodeServerMessage(frame: Buffer): ServerMessage {
  if (frame.length === 0) throw new ReplicationError('the server sent an empty CopyData message');
  switch (frame[0]) {
    case ServerTag.XLogData:
      return decodeXLogData(frame);
    case ServerTag.PrimaryKeepalive:
      return decodeKeepalive(frame);
    default:
      throw new ReplicationError(`the server sent a replication message this program does not know: ${describeTag(frame[0]!)}`, {
        hint: 'only XLogData (w) and primary keepalive (k) messages are expected on a logical replication stream',
      });
  }
}

export function decodeXLogData(frame: Buffer): XLogData {
  expectTag(frame, ServerTag.XLogData, 'XLogData');
  if (frame.length < XLOG_DATA_HEADER_BYTES) throw truncated('XLogData', frame.length, XLOG_DATA_HEADER_BYTES);
  return {
    tag: 'xlogdata',
    walStart: Lsn.fromBigInt(frame.readBigUInt64BE(1)),
    walEnd: Lsn.fromBigInt(frame.readBigUInt64BE(9)),
    sendTime: fromPostgresMicros(frame.readBigInt64BE(17)),
    // A copy, not a view: node-postgres reuses its read buffer, and the consumer may look at
    // this data long after the next frame has arrived.
    data: Buffer.from(frame.subarray(XLOG_DATA_HEADER_BYTES)),
  };
}

export function decodeKeepalive(frame: Buffer): PrimaryKeepalive {
  expectTag(frame, ServerTag.PrimaryKeepalive, 'primary keepalive');
  if (frame.length < KEEPALIVE_BYTES) throw truncated('primary keepalive', frame.length, KEEPALIVE_BYTES);
  return {
    tag: 'keepalive',
    walEnd: Lsn.fromBigInt(frame.readBigUInt64BE(1)),
    sendTime: fromPostgresMicros(frame.readBigInt64BE(9)),
    replyRequested: frame[17] === 1,
  };
}

export function encodeStandbyStatusUpdate(status: StandbyStatus): Buffer {
  const frame = Buffer.alloc(STATUS_UPDATE_BYTES);
  frame[0] = ClientTag.StandbyStatusUpdate;
  frame.writeBigUInt64BE(status.written.value, 1);
  frame.writeBigUInt64BE(status.flushed.value, 9);
  frame.writeBigUInt64BE(status.applied.value, 17);
  frame.writeBigInt64BE(toPostgresMicros(status.clock), 25);
  frame[33] = status.replyRequested ? 1 : 0;
  return frame;
}

function expectTag(frame: Buffer, tag: ServerTag, name: string): void {
  if (frame[0] !== tag) {
    throw new ReplicationError(`expected a ${name} message (${describeTag(tag)}), got ${frame.length === 0 ? 'nothing' : describeTag(frame[0]!)}`);
  }
}

function truncated(name: string, length: number, needed: number): ReplicationError {
  return new ReplicationError(`the server sent a ${name} message of ${length} bytes; it needs at least ${needed}`);
}

function describeTag(byte: number): string {
  const printable = byte >= 0x20 && byte < 0x7f;
  return printable ? `'${String.fromCharCode(byte)}' (0x${byte.toString(16)})` : `0x${byte.toString(16).padStart(2, '0')}`;
}
