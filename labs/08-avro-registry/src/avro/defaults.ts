import type { AvroKind } from './column-types.ts';

/*
 * The Avro default of a NOT NULL column, from its DEFAULT in the catalog.
 *
 * Why it matters: ALTER TABLE … ADD COLUMN level int NOT NULL DEFAULT 3 gives the row record a
 * field that records written before it do not have. Under BACKWARD compatibility the new schema
 * must be able to read those records, which it can only if the field has a default. The Relation
 * message does not carry defaults — only names, types and modifiers — so the bridge reads them
 * from pg_attrdef (lab 4's COLUMNS_SQL), and keeps the ones that are plain constants. A default
 * like now() or nextval(…) has no fixed value to write into a schema: such a column gets no
 * Avro default, and the registry will refuse it under BACKWARD (which is the honest answer:
 * an old record really has no value for it).
 */
export function constantDefault(kind: AvroKind, expression: string | null | undefined): unknown {
  if (expression === null || expression === undefined) return undefined;
  // pg_get_expr prints constants as 42, -1.5, true, or 'text'::type.
  const literal = /^'((?:[^']|'')*)'(?:::[\w ."]+)*$/.exec(expression);
  const text = literal ? literal[1]!.replaceAll("''", "'") : /^\(?(-?\d+(?:\.\d+)?)\)?(?:::[\w ."]+)*$/.exec(expression)?.[1] ?? (/^(true|false)$/.exec(expression)?.[1]);
  if (text === undefined) return undefined;
  switch (kind) {
    case 'boolean':
      return text === 'true' || text === 't' ? true : text === 'false' || text === 'f' ? false : undefined;
    case 'int':
      return /^-?\d+$/.test(text) ? Number(text) : undefined;
    case 'long':
      // Avro's JSON form of a long default is a number.
      return /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined;
    case 'float':
    case 'double':
      return Number.isFinite(Number(text)) ? Number(text) : undefined;
    case 'string':
    case 'fallback-string':
    case 'uuid':
      return text;
    default:
      // decimal, bytes and the time types have byte or number forms we do not derive here.
      return undefined;
  }
}
