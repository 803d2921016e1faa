import { Lsn } from '@cdc-lab/common';
import type { WireFetchPartition, WireMessage } from './kafka-wire.ts';

/** A key or value as the page shows it. JSON and Avro arrive as trees (plain JSON values). */
export type Decoded =
  | { kind: 'null' }
  | { kind: 'json'; json: unknown }
  | { kind: 'avro'; schemaId: number; json: unknown }
  | { kind: 'avro-unknown'; schemaId: number; error: string; hex: string }
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; hex: string };

/**
 * Where a record stands for readers: committed (read_committed readers see it), open (its
 * transaction has not ended: read_committed readers stop before it, at the last stable offset),
 * aborted (never delivered to read_committed readers), or a control record: the COMMIT or ABORT
 * marker the transaction coordinator writes, which takes an offset and is never delivered.
 */
export type RecordState = 'committed' | 'open' | 'aborted' | 'commit-marker' | 'abort-marker';

export interface RecordView {
  partition: number;
  offset: string;
  timestamp: string;
  state: RecordState;
  key: Decoded;
  value: Decoded;
  headers: Record<string, string>;
  /** From a change event's `source` block: the LSN of the change (as X/Y) and its transaction id. */
  source: { lsn: string | null; txId: string | null } | null;
}

/** The Confluent wire format: magic byte 0, a 32-bit big-endian schema id, then Avro binary. */
export const MAGIC_BYTE = 0;
export const WIRE_HEADER_LENGTH = 5;

export type AvroDecoder = (schemaId: number, body: Buffer) => Promise<unknown>;

export async function decodeBytes(bytes: Buffer | null, avro: AvroDecoder | undefined): Promise<Decoded> {
  if (bytes === null) return { kind: 'null' };
  if (bytes.length >= WIRE_HEADER_LENGTH && bytes[0] === MAGIC_BYTE && avro) {
    const schemaId = bytes.readUInt32BE(1);
    try {
      return { kind: 'avro', schemaId, json: await avro(schemaId, bytes.subarray(WIRE_HEADER_LENGTH)) };
    } catch (error) {
      return { kind: 'avro-unknown', schemaId, error: (error as Error).message, hex: preview(bytes) };
    }
  }
  const text = bytes.toString('utf8');
  if (!printable(text)) return { kind: 'bytes', hex: preview(bytes) };
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { kind: 'json', json: JSON.parse(text) };
    } catch {
      // Text that only looks like JSON is shown as text.
    }
  }
  return { kind: 'text', text: text.length > 4_000 ? `${text.slice(0, 4_000)}…` : text };
}

function printable(text: string): boolean {
  return !/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text);
}

function preview(bytes: Buffer): string {
  const hex = bytes.subarray(0, 64).toString('hex');
  return bytes.length > 64 ? `${hex}… (${bytes.length} bytes)` : hex;
}

export function headerText(headers: WireMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    out[name] = values.map((item) => (printable(item.toString('utf8')) ? item.toString('utf8') : item.toString('hex'))).join(', ');
  }
  return out;
}

/**
 * The LSN and transaction id of a change event: Debezium's envelope (and lab 4's, which copies
 * it) keeps them in `source`, directly or under `payload` when the converter adds schemas.
 * Debezium writes the LSN as a number; the page shows it the way Postgres prints it.
 */
export function sourcePosition(value: Decoded): RecordView['source'] {
  if (value.kind !== 'json' && value.kind !== 'avro') return null;
  const root = value.json as Record<string, unknown> | null;
  if (!root || typeof root !== 'object') return null;
  const envelope = (root.payload && typeof root.payload === 'object' ? root.payload : root) as Record<string, unknown>;
  const source = envelope.source;
  if (!source || typeof source !== 'object') return null;
  const { lsn, txId } = source as { lsn?: unknown; txId?: unknown };
  return { lsn: lsnText(lsn), txId: txId === undefined || txId === null ? null : String(txId) };
}

function lsnText(lsn: unknown): string | null {
  if (typeof lsn === 'number' || typeof lsn === 'bigint') {
    try {
      return Lsn.fromBigInt(BigInt(lsn)).toString();
    } catch {
      return String(lsn);
    }
  }
  if (typeof lsn === 'string') {
    if (/^\d+$/.test(lsn)) return Lsn.fromBigInt(BigInt(lsn)).toString();
    return lsn;
  }
  return null;
}

/** A control record's key: version (int16) then type (int16): 0 abort, 1 commit. */
function markerType(message: WireMessage): 'commit-marker' | 'abort-marker' {
  return message.key && message.key.length >= 4 && message.key.readInt16BE(2) === 1 ? 'commit-marker' : 'abort-marker';
}

/**
 * Classify the records of one fetched partition the way a read_committed consumer does: a
 * transaction the broker lists as aborted starts at its first offset and ends at its producer's
 * ABORT marker; everything at or after the last stable offset is still open.
 */
export function classify(partition: Pick<WireFetchPartition, 'lastStableOffset' | 'abortedTransactions' | 'messages'>): Array<{ message: WireMessage; state: RecordState }> {
  const lastStable = BigInt(partition.lastStableOffset);
  const pendingAborts = [...(partition.abortedTransactions ?? [])].sort((a, b) => (BigInt(a.firstOffset) < BigInt(b.firstOffset) ? -1 : 1));
  const aborting = new Set<string>();
  return partition.messages.map((message) => {
    const offset = BigInt(message.offset);
    const producer = message.batchContext?.producerId ?? '';
    while (pendingAborts.length > 0 && BigInt(pendingAborts[0]!.firstOffset) <= offset) aborting.add(pendingAborts.shift()!.producerId);
    if (message.isControlRecord || message.batchContext?.isControlBatch) {
      const state = markerType(message);
      aborting.delete(producer);
      return { message, state };
    }
    if (offset >= lastStable) return { message, state: 'open' };
    if (message.batchContext?.inTransaction && aborting.has(producer)) return { message, state: 'aborted' };
    return { message, state: 'committed' };
  });
}

/** Make a decoded Avro value plain JSON: bigint as number when exact (else text), bytes as hex. */
export function plainJson(value: unknown): unknown {
  if (typeof value === 'bigint') return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  if (Buffer.isBuffer(value)) return value.toString('hex');
  if (Array.isArray(value)) return value.map(plainJson);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = plainJson(item);
    return out;
  }
  return value;
}
