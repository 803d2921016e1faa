import { describe, expect, it } from 'vitest';
import { readJson, writeJson } from '../src/json/index.ts';
import { digest, eventLine } from '../src/tail/event-line.ts';

describe('readJson', () => {
  it('reads integers beyond 2^53 as bigints, and everything else as JSON.parse does', () => {
    expect(readJson('{"a":9007199254740993,"b":-9007199254740993,"c":42,"d":1.5e3,"e":"9007199254740993","f":[true,false,null],"g":{}}')).toEqual({
      a: 9007199254740993n, b: -9007199254740993n, c: 42, d: 1500, e: '9007199254740993', f: [true, false, null], g: {},
    });
    expect(readJson(' [ "a\\"b\\u00e9" , 0.25 ] ')).toEqual(['a"bé', 0.25]);
  });

  it('round-trips with writeJson, digit for digit', () => {
    const text = '{"before":null,"after":{"id":9223372036854775807,"n":-1},"ts_us":1709214690123456789}';
    expect(writeJson(readJson(text))).toBe(text);
  });

  it('refuses what is not JSON', () => {
    expect(() => readJson('{"a":1,}')).toThrow(SyntaxError);
    expect(() => readJson('[1] x')).toThrow(/after the value/);
    expect(() => readJson("{'a':1}")).toThrow(SyntaxError);
  });
});

describe('eventLine', () => {
  const value = '{"before":null,"after":{"id":9007199254740993},"source":{"lsn":1},"transaction":null,"op":"c","ts_ms":5,"ts_us":5000,"ts_ns":5000000}';

  it('prints key=<key> and the digest of op, ts_ms, before, after and source', () => {
    expect(eventLine({ topic: 't', key: '{"id":9007199254740993}', value }, { showTopic: false, full: false }))
      .toBe('key={"id":9007199254740993} {"op":"c","ts_ms":5,"before":null,"after":{"id":9007199254740993},"source":{"lsn":1}}');
  });

  it('prints a tombstone as null, the topic when asked, and the value untouched with --full', () => {
    expect(eventLine({ topic: 't', key: '{"id":1}', value: null }, { showTopic: true, full: false })).toBe('t key={"id":1} null');
    expect(eventLine({ topic: 't', key: null, value }, { showTopic: false, full: true })).toBe(`key=null ${value}`);
    expect(digest('not json')).toBe('not json');
    expect(digest('{"no":"op"}')).toBe('{"no":"op"}');
  });
});
