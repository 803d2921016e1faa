import { Lsn, ReplicationError, todo } from '@cdc-lab/common';
import { fromPostgresMicros, toPostgresMicros } from '../../src/replication/postgres-time.ts';

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
  // TODO: read an XLogData message as the chapter's table lays it out. What must you check
  //   before reading a single field, and what should a frame that fails it do? Which fields are
  //   positions, which is a time, and how does each become the type XLogData wants (the helpers
  //   imported above)? The plugin's bytes may outlive this call: is this buffer yours to keep?
  return todo('decoding an XLogData message', 'docs/03-logical-streamer.md#the-wire-messages');
}

export function decodeKeepalive(frame: Buffer): PrimaryKeepalive {
  expectTag(frame, ServerTag.PrimaryKeepalive, 'primary keepalive');
  // TODO: read a primary keepalive, laid out in the chapter's table. Which of its fields tells
  //   the streamer it must answer now, and what length must the frame have?
  return todo('decoding a primary keepalive message', 'docs/03-logical-streamer.md#the-wire-messages');
}

export function encodeStandbyStatusUpdate(status: StandbyStatus): Buffer {
  // TODO: write a standby status update, field by field as the chapter's table gives them.
  //   Which fields are unsigned and which signed, in which byte order, and in what unit does the
  //   server want the clock?
  return todo('encoding a standby status update', 'docs/03-logical-streamer.md#the-wire-messages');
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
