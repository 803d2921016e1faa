import { unreadable } from './unreadable.ts';

/*
 * The text form of a Postgres array: {1,2,NULL}, {"with space","quote \" and backslash \\"},
 * nested braces for more dimensions {{1,2},{3,4}}, and a dimension prefix when a lower bound
 * is not 1: [0:1]={7,8}. An element is quoted when it is empty, contains a delimiter, brace,
 * quote, backslash or space, or spells NULL; an unquoted NULL is the null element.
 */

export type ArrayElements = (string | null | ArrayElements)[];

export function parseArrayLiteral(text: string): ArrayElements {
  // The dimension decoration carries bounds, which JSON arrays cannot express: skip it.
  const start = text.startsWith('[') ? text.indexOf('=') + 1 : 0;
  const parser = new ArrayParser(text, start);
  const elements = parser.array();
  if (!parser.atEnd()) throw unreadable('array', text, 'nothing after the closing brace');
  return elements;
}

class ArrayParser {
  constructor(private readonly text: string, private position: number) {}

  atEnd(): boolean {
    return this.position === this.text.length;
  }

  array(): ArrayElements {
    this.expect('{');
    const elements: ArrayElements = [];
    if (this.peek() === '}') {
      this.position += 1;
      return elements;
    }
    for (;;) {
      elements.push(this.element());
      const next = this.take();
      if (next === '}') return elements;
      if (next !== ',') throw this.unexpected(next, "',' or '}'");
    }
  }

  private element(): string | null | ArrayElements {
    const first = this.peek();
    if (first === '{') return this.array();
    if (first === '"') return this.quoted();
    const end = this.endOfUnquoted();
    const raw = this.text.slice(this.position, end);
    this.position = end;
    return raw === 'NULL' ? null : raw;
  }

  private quoted(): string {
    this.position += 1;
    let value = '';
    for (;;) {
      const char = this.take();
      if (char === '"') return value;
      value += char === '\\' ? this.take() : char;
    }
  }

  private endOfUnquoted(): number {
    let end = this.position;
    while (end < this.text.length && this.text[end] !== ',' && this.text[end] !== '}') end += 1;
    return end;
  }

  private peek(): string | undefined {
    return this.text[this.position];
  }

  private take(): string {
    const char = this.text[this.position];
    if (char === undefined) throw unreadable('array', this.text, 'a closing brace or quote before the end');
    this.position += 1;
    return char;
  }

  private expect(char: string): void {
    const found = this.take();
    if (found !== char) throw this.unexpected(found, `'${char}'`);
  }

  private unexpected(found: string, expected: string): Error {
    return unreadable('array', this.text, `${expected} at position ${this.position}, found '${found}'`);
  }
}
