import { unreadable } from './unreadable.ts';

/*
 * hstore → a JSON object in a string (hstore.handling.mode=json, the default):
 * 'a=>1, "b c"=>NULL' → "{\"b c\":null,\"a\":\"1\"}".
 *
 * The order of the keys is not the order in the value. Debezium reads the hstore into a
 * java.util.HashMap and writes the map out with Jackson, so the keys come out in HashMap
 * iteration order: by bucket, which is a function of each key's String.hashCode() and the
 * table size. Since the result is a string, not an object, the order is part of the value —
 * reproduced below for maps whose buckets hold fewer than eight keys (beyond that Java turns
 * a bucket into a tree; hstores that size with colliding hashes are not worth the code).
 */

export type HstoreEntries = [key: string, value: string | null][];

/** Parse Postgres's output form: "key"=>"value", "other"=>NULL */
export function parseHstore(text: string): HstoreEntries {
  const entries: HstoreEntries = [];
  let position = 0;
  const quoted = (): string => {
    if (text[position] !== '"') throw unreadable('hstore', text, `a quoted string at position ${position}`);
    let value = '';
    for (position += 1; position < text.length; position += 1) {
      let char = text[position]!;
      if (char === '"') {
        position += 1;
        return value;
      }
      if (char === '\\') char = text[(position += 1)] ?? '';
      value += char;
    }
    throw unreadable('hstore', text, 'a closing quote');
  };
  while (position < text.length) {
    const key = quoted();
    if (!text.startsWith('=>', position)) throw unreadable('hstore', text, `=> at position ${position}`);
    position += 2;
    let value: string | null;
    if (text.startsWith('NULL', position)) {
      value = null;
      position += 4;
    } else {
      value = quoted();
    }
    entries.push([key, value]);
    if (text.startsWith(', ', position)) position += 2;
    else if (position < text.length) throw unreadable('hstore', text, `', ' at position ${position}`);
  }
  return entries;
}

/** The entries in the order a java.util.HashMap filled in this order would iterate them. */
export function javaHashMapOrder(entries: HstoreEntries): HstoreEntries {
  // Capacity starts at 16 and doubles whenever the size passes three quarters of it.
  let capacity = 16;
  while (entries.length > capacity * 0.75) capacity *= 2;
  const bucketOf = (key: string) => {
    const hash = javaStringHash(key);
    return (hash ^ (hash >>> 16)) & (capacity - 1);
  };
  // Within a bucket, entries keep insertion order; a stable sort by bucket does the rest.
  return entries.map((entry, index) => ({ entry, index, bucket: bucketOf(entry[0]) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map(({ entry }) => entry);
}

/** Java's String.hashCode(): s[0]·31^(n-1) + … + s[n-1] over UTF-16 code units, in 32-bit arithmetic. */
export function javaStringHash(text: string): number {
  let hash = 0;
  for (let index = 0; index < text.length; index += 1) hash = (Math.imul(hash, 31) + text.charCodeAt(index)) | 0;
  return hash;
}

/** {"key":"value","other":null} as Jackson writes it (control characters as upper-case \u00XX). */
export function hstoreToJson(text: string): string {
  const members = javaHashMapOrder(parseHstore(text)).map(([key, value]) => `${jacksonString(key)}:${value === null ? 'null' : jacksonString(value)}`);
  return `{${members.join(',')}}`;
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };

function jacksonString(value: string): string {
  let text = '"';
  for (const char of value) {
    const short = SHORT_ESCAPES[char];
    if (short !== undefined) text += short;
    else if (char < ' ') text += `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    else text += char;
  }
  return `${text}"`;
}
