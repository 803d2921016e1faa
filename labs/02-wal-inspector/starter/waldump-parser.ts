import { Lsn, todo } from '@cdc-lab/common';
import { WaldumpOutputError } from '../src/errors.ts';
import type { BlockRef, WalRecord } from '../src/wal-record.ts';

/**
 * pg_waldump prints one line per record. PostgreSQL 15 writes them like this (one line here
 * split in two):
 *
 *   rmgr: Heap        len (rec/tot):     67/    67, tx:        727, lsn: 0/01924DD0, prev 0/01924D98,
 *     desc: INSERT+INIT off 1 flags 0x08, blkref #0: rel 1663/16384/16385 blk 0
 *
 *   rmgr      resource manager, padded to 11 characters
 *   rec/tot   record length without / with full-page images
 *   tx        transaction id, 0 when no transaction wrote it
 *   lsn/prev  where this record and the previous one start
 *   desc      the record type (first word) and the resource manager's own description
 *   blkref    zero or more pages the record touches, each `, blkref #N: rel <spc>/<db>/<relfilenode>
 *             [fork <fork>] blk <block>[ FPW]` — `fork` only for forks other than main,
 *             `FPW` when a full-page image is attached
 *
 * test/fixtures/waldump-pg15.txt holds real lines of every common kind.
 */
export function parseWaldumpLine(line: string): WalRecord {
  // TODO: match the fixed part with a regular expression; split what follows `desc: ` into
  // the type (first word), the description, and the block references (the description may
  // itself contain commas: cut at ', blkref #'). LSNs become Lsn values (Lsn.parse).
  // A line that does not match: throw a WaldumpOutputError quoting it.
  return todo('parse a pg_waldump record line', 'docs/02-wal-inspector.md#reading-a-record-line');
}

