import { Lsn } from '@cdc-lab/common';
import { WaldumpOutputError } from './errors.ts';
import type { BlockRef, WalRecord } from './wal-record.ts';

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
 * The description is free text written by each resource manager and may itself contain commas
 * and semicolons, so it is cut at the first `, blkref #`, which no description contains.
 */
const RECORD_LINE = /^rmgr: (\S+)\s+len \(rec\/tot\):\s*(\d+)\/\s*(\d+), tx:\s*(\d+), lsn: ([0-9A-F]+\/[0-9A-F]+), prev ([0-9A-F]+\/[0-9A-F]+), desc: (.*)$/;
const BLOCK_REF_SEPARATOR = ', blkref #';
const BLOCK_REF = /^(\d+): rel (\d+)\/(\d+)\/(\d+)(?: fork (\w+))? blk (\d+)( FPW.*)?$/;

export function parseWaldumpLine(line: string): WalRecord {
  const match = RECORD_LINE.exec(line.trimEnd());
  if (!match) throw unrecognised(line);
  const [, rmgr = '', recordLength = '', totalLength = '', xid = '', lsn = '', prev = '', rest = ''] = match;
  const [head = '', ...blockRefTexts] = rest.split(BLOCK_REF_SEPARATOR);
  const { type, description } = splitDescription(head);
  return {
    rmgr,
    type,
    recordLength: Number(recordLength),
    totalLength: Number(totalLength),
    xid: Number(xid),
    lsn: Lsn.parse(lsn),
    prev: Lsn.parse(prev),
    description,
    blockRefs: blockRefTexts.map((text) => parseBlockRef(text, line)),
  };
}

/** `INSERT+INIT off 1 flags 0x08` → type `INSERT+INIT`, description `off 1 flags 0x08`. */
function splitDescription(head: string): { type: string; description: string } {
  const trimmed = head.trim();
  const space = trimmed.indexOf(' ');
  if (space < 0) return { type: trimmed, description: '' };
  return { type: trimmed.slice(0, space), description: trimmed.slice(space + 1).trim() };
}

/** `0: rel 1663/16384/16385 fork vm blk 0 FPW` (the `blkref #` already cut off). */
function parseBlockRef(text: string, line: string): BlockRef {
  const match = BLOCK_REF.exec(text.trim());
  if (!match) throw unrecognised(line, `the block reference "blkref #${text}"`);
  const [, id, tablespace, database, relfilenode, fork, block, fullPageImage] = match;
  return {
    id: Number(id),
    tablespace: Number(tablespace),
    database: Number(database),
    relfilenode: Number(relfilenode),
    fork: fork ?? 'main',
    block: Number(block),
    fullPageImage: fullPageImage !== undefined,
  };
}

function unrecognised(line: string, part = 'this line'): WaldumpOutputError {
  return new WaldumpOutputError(`pg_waldump printed a line the parser does not understand (${part}): ${JSON.stringify(line.slice(0, 300))}`, {
    hint: 'the parser knows the format of PostgreSQL 15 and later; is pg_waldump from an older major version?',
  });
}
