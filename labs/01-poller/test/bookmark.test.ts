import { describe, expect, it } from 'vitest';
import { advance, BEGINNING, compareBookmarks, describeBookmark } from '../src/bookmark.ts';

const at = (updatedAt: string, id: string) => ({ updatedAt, id });

describe('the bookmark', () => {
  it('moves to the key of the last row of a page, and stays put after an empty page', () => {
    const page = [at('2026-01-05T10:00:00.000001Z', '7'), at('2026-01-05T10:00:00.000001Z', '9')];
    expect(advance(BEGINNING, page)).toEqual(at('2026-01-05T10:00:00.000001Z', '9'));
    expect(advance(at('2026-01-05T10:00:00.000001Z', '9'), [])).toEqual(at('2026-01-05T10:00:00.000001Z', '9'));
  });

  it('orders like the keyset query: timestamp first, then id as a number', () => {
    expect(compareBookmarks(at('2026-01-05T10:00:00.000001Z', '1'), at('2026-01-05T10:00:00.000002Z', '1'))).toBe(-1);
    expect(compareBookmarks(at('2026-01-05T10:00:00.000001Z', '10'), at('2026-01-05T10:00:00.000001Z', '9'))).toBe(1);
    expect(compareBookmarks(at('2026-01-05T10:00:00.000001Z', '9'), at('2026-01-05T10:00:00.000001Z', '9'))).toBe(0);
    expect(compareBookmarks(at('2026-01-05T10:00:00.000001Z', '9007199254740993'), at('2026-01-05T10:00:00.000001Z', '9007199254740992'))).toBe(1);
  });

  it('starts before every row', () => {
    expect(compareBookmarks(BEGINNING, at('1970-01-01T00:00:00.000000Z', '-5'))).toBe(-1);
    expect(compareBookmarks(at('1970-01-01T00:00:00.000000Z', '-5'), BEGINNING)).toBe(1);
    expect(describeBookmark(BEGINNING)).toBe('the beginning');
    expect(describeBookmark(at('2026-01-05T10:00:00.000001Z', '9'))).toBe('(updated_at 2026-01-05T10:00:00.000001Z, id 9)');
  });
});
