import type { JsonObject } from '../../json/write-json.ts';
import { base64 } from './binary.ts';
import { unreadable } from './unreadable.ts';

/*
 * point → io.debezium.data.geometry.Point, a struct: the coordinates, the same point as
 * well-known binary (byte order 1 = little-endian, type 1 = point, x, y as doubles), and an
 * SRID that a plain Postgres point never has.
 *   "(1.5,-2)" → { "x": 1.5, "y": -2, "wkb": "AQEAAAAAAAAAAAD4PwAAAAAAAADA", "srid": null }
 */

const POINT = /^\(([^,]+),([^)]+)\)$/;
const WKB_POINT_BYTES = 1 + 4 + 8 + 8;

export function pointValue(text: string): JsonObject {
  const match = POINT.exec(text);
  const x = Number(match?.[1]);
  const y = Number(match?.[2]);
  if (!match || Number.isNaN(x) || Number.isNaN(y)) throw unreadable('point', text, '(x,y)');
  const wkb = Buffer.alloc(WKB_POINT_BYTES);
  wkb.writeUInt8(1, 0);
  wkb.writeUInt32LE(1, 1);
  wkb.writeDoubleLE(x, 5);
  wkb.writeDoubleLE(y, 13);
  return { x, y, wkb: base64(wkb), srid: null };
}
