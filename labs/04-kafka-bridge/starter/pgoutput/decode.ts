import { Lsn, ReplicationError } from '@cdc-lab/common';
import { BufferReader } from './buffer-reader.ts';
import type {
  BeginMessage,
  CommitMessage,
  DeleteMessage,
  InsertMessage,
  LogicalMessage,
  OldTuple,
  OriginMessage,
  PgoutputMessage,
  RelationColumn,
  RelationMessage,
  ReplicaIdentity,
  TruncateMessage,
  TypeMessage,
  UpdateMessage,
} from './messages.ts';
import { readTupleData } from './tuple-data.ts';

/*
 * pgoutput, protocol version 1 (PostgreSQL 10+; Truncate since 11, Message since 14).
 * Byte1 tag, then:
 *
 *   Begin     'B'  final LSN:Int64  commit time:Int64  xid:Int32
 *   Commit    'C'  flags:Int8  commit LSN:Int64  end LSN:Int64  commit time:Int64
 *   Origin    'O'  origin commit LSN:Int64  name:String
 *   Relation  'R'  relation OID:Int32  namespace:String  name:String  replica identity:Int8
 *                  columns:Int16  { flags:Int8 (1 = key)  name:String  type OID:Int32  typmod:Int32 }
 *   Type      'Y'  type OID:Int32  namespace:String  name:String
 *   Insert    'I'  relation OID:Int32  'N' TupleData
 *   Update    'U'  relation OID:Int32  ['K' TupleData | 'O' TupleData]  'N' TupleData
 *   Delete    'D'  relation OID:Int32  ('K' TupleData | 'O' TupleData)
 *   Truncate  'T'  relations:Int32  options:Int8 (1 CASCADE, 2 RESTART IDENTITY)  relation OID:Int32…
 *   Message   'M'  flags:Int8 (1 = transactional)  LSN:Int64  prefix:String  length:Int32  content:Byte(length)
 *
 * Times are microseconds since 2000-01-01 00:00 UTC. Protocol version 2 adds streamed
 * in-progress transactions (tags S, E, c, A and an xid before some fields); the bridge asks
 * for version 1, so those are rejected with a hint rather than mis-read.
 */

const enum Tag {
  Begin = 0x42, // 'B'
  Commit = 0x43, // 'C'
  Origin = 0x4f, // 'O'
  Relation = 0x52, // 'R'
  Type = 0x59, // 'Y'
  Insert = 0x49, // 'I'
  Update = 0x55, // 'U'
  Delete = 0x44, // 'D'
  Truncate = 0x54, // 'T'
  Message = 0x4d, // 'M'
  StreamStart = 0x53, // 'S' (protocol 2)
  StreamStop = 0x45, // 'E' (protocol 2)
  StreamCommit = 0x63, // 'c' (protocol 2)
  StreamAbort = 0x41, // 'A' (protocol 2)
}

const enum TupleMarker {
  New = 'N',
  OldKey = 'K',
  OldFull = 'O',
}

const TRUNCATE_CASCADE = 1;
const TRUNCATE_RESTART_IDENTITY = 2;
const RELATION_COLUMN_IS_KEY = 1;
const MESSAGE_TRANSACTIONAL = 1;

/** Microseconds from 1970-01-01 to 2000-01-01, the epoch of Postgres timestamps. */
export const POSTGRES_EPOCH_UNIX_MICROS = 946_684_800_000_000n;

/** Decode one pgoutput message: the data of one XLogData frame. */
export function decodePgoutput(data: Uint8Array): PgoutputMessage {
  if (data.length === 0) throw new ReplicationError('empty pgoutput message', { hint: 'every XLogData payload of a pgoutput slot starts with a message tag' });
  const tag = data[0]!;
  switch (tag) {
    case Tag.Begin:
      return decodeBegin(reader(data, 'Begin message'));
    case Tag.Commit:
      return decodeCommit(reader(data, 'Commit message'));
    case Tag.Origin:
      return decodeOrigin(reader(data, 'Origin message'));
    case Tag.Relation:
      return decodeRelation(reader(data, 'Relation message'));
    case Tag.Type:
      return decodeType(reader(data, 'Type message'));
    case Tag.Insert:
      return decodeInsert(reader(data, 'Insert message'));
    case Tag.Update:
      return decodeUpdate(reader(data, 'Update message'));
    case Tag.Delete:
      return decodeDelete(reader(data, 'Delete message'));
    case Tag.Truncate:
      return decodeTruncate(reader(data, 'Truncate message'));
    case Tag.Message:
      return decodeLogicalMessage(reader(data, 'Message message'));
    case Tag.StreamStart:
    case Tag.StreamStop:
    case Tag.StreamCommit:
    case Tag.StreamAbort:
      throw new ReplicationError(`pgoutput sent a streaming message (${describeTag(tag)}), which protocol version 1 never sends`, {
        hint: "start replication with proto_version '1' and without streaming 'on': the bridge decodes whole transactions only",
      });
    default:
      throw new ReplicationError(`unknown pgoutput message tag ${describeTag(tag)}`, {
        hint: 'is the slot really using the pgoutput plugin? A test_decoding slot sends text lines, not pgoutput messages',
      });
  }
}

function reader(data: Uint8Array, what: string): BufferReader {
  const result = new BufferReader(data, what);
  result.char(); // the tag, already dispatched on
  return result;
}

function decodeBegin(r: BufferReader): BeginMessage {
  const message: BeginMessage = { tag: 'begin', finalLsn: lsn(r), commitTimeUs: time(r), xid: r.uint32() };
  r.expectEnd();
  return message;
}

function decodeCommit(r: BufferReader): CommitMessage {
  const message: CommitMessage = { tag: 'commit', flags: r.int8(), commitLsn: lsn(r), endLsn: lsn(r), commitTimeUs: time(r) };
  r.expectEnd();
  return message;
}

function decodeOrigin(r: BufferReader): OriginMessage {
  const message: OriginMessage = { tag: 'origin', originLsn: lsn(r), name: r.cstring() };
  r.expectEnd();
  return message;
}

function decodeRelation(r: BufferReader): RelationMessage {
  const relationId = r.uint32();
  const namespace = r.cstring();
  const name = r.cstring();
  const replicaIdentity = readReplicaIdentity(r);
  const count = r.int16();
  const columns: RelationColumn[] = [];
  for (let index = 0; index < count; index += 1) {
    const flags = r.int8();
    columns.push({ name: r.cstring(), typeOid: r.uint32(), typmod: r.int32(), isKey: (flags & RELATION_COLUMN_IS_KEY) !== 0 });
  }
  r.expectEnd();
  return { tag: 'relation', relationId, namespace, name, replicaIdentity, columns };
}

function readReplicaIdentity(r: BufferReader): ReplicaIdentity {
  const identity = r.char();
  if (identity === 'd' || identity === 'n' || identity === 'f' || identity === 'i') return identity;
  throw r.malformed(`replica identity ${JSON.stringify(identity)}, expected d, n, f or i`);
}

function decodeType(r: BufferReader): TypeMessage {
  const message: TypeMessage = { tag: 'type', typeOid: r.uint32(), namespace: r.cstring(), name: r.cstring() };
  r.expectEnd();
  return message;
}

function decodeInsert(r: BufferReader): InsertMessage {
  const relationId = r.uint32();
  expectMarker(r, TupleMarker.New);
  const message: InsertMessage = { tag: 'insert', relationId, newTuple: readTupleData(r) };
  r.expectEnd();
  return message;
}

function decodeUpdate(r: BufferReader): UpdateMessage {
  const relationId = r.uint32();
  let marker = r.char();
  let old: OldTuple | null = null;
  if (marker === TupleMarker.OldKey || marker === TupleMarker.OldFull) {
    old = { identity: marker === TupleMarker.OldKey ? 'key' : 'full', values: readTupleData(r) };
    marker = r.char();
  }
  if (marker !== TupleMarker.New) throw r.malformed(`tuple marker ${JSON.stringify(marker)} where the new tuple ('N') belongs`);
  const message: UpdateMessage = { tag: 'update', relationId, old, newTuple: readTupleData(r) };
  r.expectEnd();
  return message;
}

function decodeDelete(r: BufferReader): DeleteMessage {
  const relationId = r.uint32();
  const marker = r.char();
  if (marker !== TupleMarker.OldKey && marker !== TupleMarker.OldFull) {
    throw r.malformed(`tuple marker ${JSON.stringify(marker)}, expected the old key ('K') or old row ('O')`);
  }
  const message: DeleteMessage = { tag: 'delete', relationId, old: { identity: marker === TupleMarker.OldKey ? 'key' : 'full', values: readTupleData(r) } };
  r.expectEnd();
  return message;
}

function decodeTruncate(r: BufferReader): TruncateMessage {
  const count = r.int32();
  const options = r.int8();
  const relationIds: number[] = [];
  for (let index = 0; index < count; index += 1) relationIds.push(r.uint32());
  r.expectEnd();
  return {
    tag: 'truncate',
    relationIds,
    cascade: (options & TRUNCATE_CASCADE) !== 0,
    restartIdentity: (options & TRUNCATE_RESTART_IDENTITY) !== 0,
  };
}

function decodeLogicalMessage(r: BufferReader): LogicalMessage {
  const transactional = (r.int8() & MESSAGE_TRANSACTIONAL) !== 0;
  const position = lsn(r);
  const prefix = r.cstring();
  const content = r.bytes(r.int32());
  r.expectEnd();
  return { tag: 'message', transactional, lsn: position, prefix, content };
}

function expectMarker(r: BufferReader, expected: TupleMarker): void {
  const marker = r.char();
  if (marker !== expected) throw r.malformed(`tuple marker ${JSON.stringify(marker)}, expected '${expected}'`);
}

function lsn(r: BufferReader): Lsn {
  return Lsn.fromBigInt(r.uint64());
}

function time(r: BufferReader): bigint {
  return r.int64() + POSTGRES_EPOCH_UNIX_MICROS;
}

function describeTag(tag: number): string {
  const letter = tag >= 0x20 && tag < 0x7f ? ` '${String.fromCharCode(tag)}'` : '';
  return `0x${tag.toString(16).padStart(2, '0')}${letter}`;
}
