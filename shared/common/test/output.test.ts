import { describe, expect, it } from 'vitest';
import { colourWanted, formatBytes, redactUrl } from '../src/output.ts';

describe('colour', () => {
  it('is on for a terminal, off when piped — even in CI', () => {
    expect(colourWanted({}, true)).toBe(true);
    expect(colourWanted({}, false)).toBe(false);
    expect(colourWanted({ CI: 'true' }, false)).toBe(false);
  });

  it('obeys NO_COLOR and FORCE_COLOR', () => {
    expect(colourWanted({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colourWanted({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colourWanted({ FORCE_COLOR: '0' }, true)).toBe(false);
  });
});

describe('redactUrl', () => {
  it('hides the password and keeps the rest', () => {
    expect(redactUrl('postgres://postgres:s3cr%40t@127.0.0.1:5432/cdclab')).toBe('postgres://postgres:***@127.0.0.1:5432/cdclab');
    expect(redactUrl('postgres://127.0.0.1/cdclab')).toBe('postgres://127.0.0.1/cdclab');
  });
});

describe('formatBytes', () => {
  it('uses binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(150n * 1024n * 1024n)).toBe('150.0 MB');
  });
});
