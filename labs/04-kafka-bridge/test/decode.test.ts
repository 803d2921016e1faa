import { describe, expect, it } from 'vitest';
import { Lsn, ReplicationError } from '@cdc-lab/common';
import { decodePgoutput, POSTGRES_EPOCH_UNIX_MICROS, type PgoutputMessage } from '../src/pgoutput/index.ts';
import { decodeCapture, loadFixture } from './support/fixture.ts';

// Real pgoutput bytes from PostgreSQL 15 (test/fixtures/capture.ts).
const capture = loadFixture();
const decoded = decodeCapture(capture);
const all = <T extends PgoutputMessage['tag']>(tag: T) =>
  decoded.filter((entry) => entry.message.tag === tag) as { lsn: Lsn; bytes: Buffer; message: Extract<PgoutputMessage, { tag: T }> }[];
const relationNamed = (name: string) => all('relation').find((entry) => entry.message.name === name)!.message;

describe('decodePgoutput on captured bytes', () => {
  it('decodes every message of the capture, and each kind at least once', () => {
    expect(decoded).toHaveLength(capture.messages.length);
    const kinds = new Set(decoded.map((entry) => entry.message.tag));
    expect([...kinds].sort()).toEqual(['begin', 'commit', 'delete', 'insert', 'message', 'origin', 'relation', 'truncate', 'type', 'update']);
  });

  it('reads Begin: the xid, the final LSN and the commit time in Unix microseconds', () => {
    const [first] = all('begin');
    const commit = all('commit')[0]!.message;
    expect(first!.message.xid).toBe(capture.messages[0]!.xid);
    expect(first!.message.finalLsn).toEqual(commit.commitLsn);
    expect(first!.message.commitTimeUs).toBe(commit.commitTimeUs);
    // Shifted from the Postgres epoch (2000) to the Unix epoch: the capture was made after 2020.
    expect(first!.message.commitTimeUs > POSTGRES_EPOCH_UNIX_MICROS + 20n * 365n * 86_400_000_000n).toBe(true);
  });

  it('reads Commit: its end LSN is the position the stream announces it at', () => {
    for (const { lsn, message } of all('commit')) expect(message.endLsn).toEqual(lsn);
  });

  it('reads a Relation: namespace, name, replica identity, and per column the key flag, type OID and typmod', () => {
    const numbers = relationNamed('numbers');
    expect(numbers).toMatchObject({ namespace: 'public', name: 'numbers', replicaIdentity: 'd' });
    expect(numbers.columns[0]).toEqual({ name: 'id', typeOid: 23, typmod: -1, isKey: true });
    // numeric(10,2): typmod = (precision << 16 | scale) + 4
    expect(numbers.columns.find((column) => column.name === 'c_numeric')).toEqual({ name: 'c_numeric', typeOid: 1700, typmod: ((10 << 16) | 2) + 4, isKey: false });
    expect(relationNamed('user_types').namespace).toBe('shop');
    // REPLICA IDENTITY FULL flags every column as part of the identity.
    expect(relationNamed('toasty_full')).toMatchObject({ replicaIdentity: 'f' });
    expect(relationNamed('toasty_full').columns.every((column) => column.isKey)).toBe(true);
  });

  it('reads Type messages; a domain is named after its base type in pg_catalog (empty namespace)', () => {
    const types = all('type').map(({ message }) => [message.namespace, message.name]);
    expect(types).toEqual(expect.arrayContaining([['public', 'mood'], ['public', '_mood'], ['public', 'hstore'], ['public', 'citext'], ['', 'int4']]));
    const domain = capture.userTypes.find((type) => type.name === 'positive_int')!;
    expect(all('type').find(({ message }) => message.typeOid === domain.oid)!.message).toMatchObject({ namespace: '', name: 'int4' });
  });

  it('reads Insert tuples: text values, nulls', () => {
    const insert = all('insert')[0]!.message;
    expect(insert.newTuple[0]).toEqual({ kind: 'text', text: '1' });
    expect(insert.newTuple[1]).toEqual({ kind: 'text', text: '-32768' });
    const nullRow = all('insert')[1]!.message;
    expect(nullRow.newTuple.slice(1).every((value) => value.kind === 'null')).toBe(true);
  });

  it('reads Update: no old tuple, the old key (K) or the old row (O), and unchanged TOAST markers', () => {
    const updates = all('update').map(({ message }) => message);
    const toasty = relationNamed('toasty').relationId;
    const toastyFull = relationNamed('toasty_full').relationId;
    const counterOnly = updates.find((update) => update.relationId === toasty && update.old === null)!;
    expect(counterOnly.newTuple.slice(2).map((value) => value.kind)).toEqual(['unchanged-toast', 'unchanged-toast', 'unchanged-toast', 'unchanged-toast', 'unchanged-toast']);
    const keyChange = updates.find((update) => update.relationId === toasty && update.old !== null)!;
    expect(keyChange.old!.identity).toBe('key');
    expect(keyChange.old!.values.map((value) => value.kind)).toEqual(['text', 'null', 'null', 'null', 'null', 'null', 'null']);
    const full = updates.find((update) => update.relationId === toastyFull)!;
    expect(full.old!.identity).toBe('full');
    expect(full.old!.values.every((value) => value.kind === 'text')).toBe(true);
  });

  it('reads Delete with the old key (K) or the old row (O)', () => {
    const identities = all('delete').map(({ message }) => message.old.identity);
    expect(identities).toEqual(['key', 'full', 'full', 'key']);
  });

  it('reads Truncate: every relation, and the CASCADE and RESTART IDENTITY bits', () => {
    const truncate = all('truncate')[0]!.message;
    expect(truncate).toEqual({ tag: 'truncate', relationIds: [relationNamed('numbers').relationId, relationNamed('texts').relationId], cascade: true, restartIdentity: true });
  });

  it('reads logical decoding messages, transactional and not', () => {
    const messages = all('message').map(({ message, lsn }) => ({ ...message, content: message.content.toString(), arrivedAt: lsn }));
    expect(messages).toEqual([
      { tag: 'message', transactional: true, lsn: messages[0]!.arrivedAt, prefix: 'outbox', content: '{"event":"ordered"}', arrivedAt: messages[0]!.arrivedAt },
      { tag: 'message', transactional: false, lsn: messages[1]!.arrivedAt, prefix: 'heartbeat', content: 'tick', arrivedAt: messages[1]!.arrivedAt },
    ]);
  });

  it('reads Origin: the origin name and its commit LSN', () => {
    expect(all('origin')[0]!.message).toEqual({ tag: 'origin', originLsn: Lsn.parse('0/ABCDEF'), name: 'cdc_lab_04_fixture_origin' });
  });
});

describe('decodePgoutput on malformed bytes', () => {
  const insert = all('insert')[0]!.bytes;

  const rejects = (bytes: Uint8Array, message: RegExp) => {
    let error: unknown;
    try {
      decodePgoutput(bytes);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ReplicationError);
    expect((error as ReplicationError).message).toMatch(message);
    expect((error as ReplicationError).hint).toBeTruthy();
  };

  it('rejects a message cut short', () => rejects(insert.subarray(0, insert.length - 3), /malformed pgoutput Insert message: needs \d+ more byte/));
  it('rejects bytes after the last field', () => rejects(Buffer.concat([all('begin')[0]!.bytes, Buffer.from([0])]), /1 unexpected byte/));
  it('rejects an unknown tag', () => rejects(Buffer.from('Z'), /unknown pgoutput message tag 0x5a 'Z'/));
  it('rejects protocol 2 streaming messages with a hint to ask for version 1', () => rejects(Buffer.from('S'), /streaming message/));
  it('rejects an empty message', () => rejects(Buffer.alloc(0), /empty pgoutput message/));
  it('rejects an unknown tuple column kind', () => {
    const bad = Buffer.from(insert);
    bad[8] = 'x'.charCodeAt(0); // tag, relation OID (4), 'N', count (2): the first column's kind
    rejects(bad, /column 1 of \d+ has kind "x"/);
  });
  it('rejects a string without its terminating NUL', () => {
    const relation = all('relation')[0]!.bytes;
    rejects(relation.subarray(0, 8), /not NUL-terminated/);
  });
});
