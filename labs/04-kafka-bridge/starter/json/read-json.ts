import type { JsonObject, JsonValue } from './write-json.ts';

/**
 * JSON.parse, except that an integer too big for a JavaScript number comes back as a bigint
 * with all its digits — the reading half of write-json.ts. A consumer that parses an event
 * with JSON.parse turns 9007199254740993 into 9007199254740992 without a word; `tail` prints
 * what it reads, so it must not.
 *
 * Strings, fractions and exponents are handed to JSON.parse token by token; only the shape
 * (objects, arrays) and the integer test are done here.
 */
export function readJson(text: string): JsonValue {
  const reader = new Reader(text);
  const value = reader.value();
  reader.skipSpace();
  if (!reader.atEnd) throw reader.error('unexpected text after the value');
  return value;
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const SPACE = /[ \t\n\r]*/y;

class Reader {
  private position = 0;

  constructor(private readonly text: string) {}

  get atEnd(): boolean {
    return this.position >= this.text.length;
  }

  value(): JsonValue {
    this.skipSpace();
    const char = this.text[this.position];
    switch (char) {
      case '{':
        return this.object();
      case '[':
        return this.array();
      case '"':
        return this.string();
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'n':
        return this.literal('null', null);
      default:
        return this.number();
    }
  }

  skipSpace(): void {
    SPACE.lastIndex = this.position;
    SPACE.exec(this.text);
    this.position = SPACE.lastIndex;
  }

  error(problem: string): SyntaxError {
    return new SyntaxError(`not JSON: ${problem} at position ${this.position}`);
  }

  private object(): JsonObject {
    const object: JsonObject = {};
    this.position += 1;
    this.skipSpace();
    if (this.text[this.position] === '}') {
      this.position += 1;
      return object;
    }
    for (;;) {
      this.skipSpace();
      const key = this.string();
      this.skipSpace();
      this.expect(':');
      object[key] = this.value();
      this.skipSpace();
      if (this.text[this.position] === '}') {
        this.position += 1;
        return object;
      }
      this.expect(',');
    }
  }

  private array(): JsonValue[] {
    const array: JsonValue[] = [];
    this.position += 1;
    this.skipSpace();
    if (this.text[this.position] === ']') {
      this.position += 1;
      return array;
    }
    for (;;) {
      array.push(this.value());
      this.skipSpace();
      if (this.text[this.position] === ']') {
        this.position += 1;
        return array;
      }
      this.expect(',');
    }
  }

  private string(): string {
    STRING.lastIndex = this.position;
    const match = STRING.exec(this.text);
    if (!match) throw this.error('expected a string');
    this.position = STRING.lastIndex;
    return JSON.parse(match[0]) as string;
  }

  private number(): number | bigint {
    NUMBER.lastIndex = this.position;
    const match = NUMBER.exec(this.text);
    if (!match) throw this.error('expected a value');
    this.position = NUMBER.lastIndex;
    const [token, fraction, exponent] = match;
    if (fraction === undefined && exponent === undefined) {
      const integer = BigInt(token);
      // Only where a number would lose digits: small integers stay numbers, as JSON.parse gives them.
      if (integer > BigInt(Number.MAX_SAFE_INTEGER) || integer < BigInt(Number.MIN_SAFE_INTEGER)) return integer;
    }
    return Number(token);
  }

  private literal<T extends JsonValue>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.position)) throw this.error(`expected ${word}`);
    this.position += word.length;
    return value;
  }

  private expect(char: string): void {
    if (this.text[this.position] !== char) throw this.error(`expected '${char}'`);
    this.position += 1;
  }
}
