import { describe, expect, it } from 'vitest';
import { Lsn, ReplicationError } from '@cdc-lab/common';
import {
  decodeKeepalive,
  decodeServerMessage,
  decodeXLogData,
  encodeStandbyStatusUpdate,
  fromPostgresMicros,
  toPostgresMicros,
} from '../src/replication/index.ts';

/** 2024-01-02 03:04:05.678 UTC in Postgres's clock: microseconds since 2000-01-01. */
const WHEN = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
const WHEN_MICROS = 757_479_845_678_000n;

function xlogData(walStart: bigint, walEnd: bigint, sendTime: bigint, data: Buffer): Buffer {
  const frame = Buffer.alloc(25 + data.length);
  frame.write('w', 0, 'latin1');
  frame.writeBigUInt64BE(walStart, 1);
  frame.writeBigUInt64BE(walEnd, 9);
  frame.writeBigInt64BE(sendTime, 17);
  data.copy(frame, 25);
  return frame;
}

function keepalive(walEnd: bigint, sendTime: bigint, replyRequested: number): Buffer {
  const frame = Buffer.alloc(18);
  frame.write('k', 0, 'latin1');
  frame.writeBigUInt64BE(walEnd, 1);
  frame.writeBigInt64BE(sendTime, 9);
  frame[17] = replyRequested;
  return frame;
}

describe('the Postgres clock', () => {
  it('counts microseconds from 2000-01-01 UTC, both ways', () => {
    expect(toPostgresMicros(WHEN)).toBe(WHEN_MICROS);
    expect(fromPostgresMicros(WHEN_MICROS).toISOString()).toBe(WHEN.toISOString());
    expect(toPostgresMicros(new Date(Date.UTC(2000, 0, 1)))).toBe(0n);
  });
});

describe('XLogData (w)', () => {
  it('reads walStart, walEnd, the send time and the payload', () => {
    const text = Buffer.from("table public.users: INSERT: id[integer]:1 name[text]:'Douglas'");
    const message = decodeXLogData(xlogData(0x1_006b_1970n, 0x1_006b_19a8n, WHEN_MICROS, text));
    expect(message.tag).toBe('xlogdata');
    expect(message.walStart.toString()).toBe('1/6B1970');
    expect(message.walEnd.toString()).toBe('1/6B19A8');
    expect(message.sendTime.toISOString()).toBe(WHEN.toISOString());
    expect(message.data.toString('utf8')).toBe(text.toString('utf8'));
  });

  it('keeps binary payloads byte for byte, and owns them (the frame buffer is reused)', () => {
    const payload = Buffer.from([0x42, 0x00, 0xff, 0x0a, 0x00]);
    const frame = xlogData(1n, 1n, 0n, payload);
    const message = decodeXLogData(frame);
    frame.fill(0xee);
    expect([...message.data]).toEqual([0x42, 0x00, 0xff, 0x0a, 0x00]);
  });

  it('reads LSNs above 2^63 as unsigned', () => {
    const message = decodeXLogData(xlogData(0xffff_ffff_0000_0001n, 0n, 0n, Buffer.alloc(0)));
    expect(message.walStart.toString()).toBe('FFFFFFFF/1');
  });

  it('refuses a truncated header', () => {
    expect(() => decodeXLogData(xlogData(1n, 1n, 0n, Buffer.alloc(0)).subarray(0, 20))).toThrow(ReplicationError);
  });
});

describe('primary keepalive (k)', () => {
  it('reads walEnd, the send time and whether a reply is requested', () => {
    const asking = decodeKeepalive(keepalive(0x2a_0000_0010n, WHEN_MICROS, 1));
    expect(asking).toEqual({ tag: 'keepalive', walEnd: Lsn.parse('2A/10'), sendTime: WHEN, replyRequested: true });
    expect(decodeKeepalive(keepalive(16n, 0n, 0)).replyRequested).toBe(false);
  });

  it('refuses a truncated message', () => {
    expect(() => decodeKeepalive(keepalive(16n, 0n, 1).subarray(0, 17))).toThrow(/at least 18/);
  });
});

describe('decodeServerMessage', () => {
  it('dispatches on the first byte', () => {
    expect(decodeServerMessage(keepalive(1n, 0n, 0)).tag).toBe('keepalive');
    expect(decodeServerMessage(xlogData(1n, 1n, 0n, Buffer.from('BEGIN 1'))).tag).toBe('xlogdata');
  });

  it('names an unknown message instead of guessing', () => {
    expect(() => decodeServerMessage(Buffer.from('zzz'))).toThrow(/'z' \(0x7a\)/);
    expect(() => decodeServerMessage(Buffer.alloc(0))).toThrow(/empty/);
  });
});

describe('standby status update (r)', () => {
  it('writes 34 bytes: r, written, flushed, applied, clock, reply flag', () => {
    const frame = encodeStandbyStatusUpdate({
      written: Lsn.parse('0/16B2000'),
      flushed: Lsn.parse('0/16B1970'),
      applied: Lsn.parse('0/16B1970'),
      clock: WHEN,
      replyRequested: false,
    });
    expect(frame.length).toBe(34);
    expect(String.fromCharCode(frame[0]!)).toBe('r');
    expect(frame.readBigUInt64BE(1)).toBe(0x16b2000n);
    expect(frame.readBigUInt64BE(9)).toBe(0x16b1970n);
    expect(frame.readBigUInt64BE(17)).toBe(0x16b1970n);
    expect(frame.readBigInt64BE(25)).toBe(WHEN_MICROS);
    expect(frame[33]).toBe(0);
  });

  it('sets the last byte when a reply is requested', () => {
    const frame = encodeStandbyStatusUpdate({ written: Lsn.ZERO, flushed: Lsn.ZERO, applied: Lsn.ZERO, clock: WHEN, replyRequested: true });
    expect(frame[33]).toBe(1);
  });
});
