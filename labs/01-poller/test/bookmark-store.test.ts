import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@cdc-lab/common';
import { BookmarkStore } from '../src/bookmark-store.ts';

function storeInTemporaryFolder(): BookmarkStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab01-store-'));
  return new BookmarkStore(path.join(dir, 'state', 'bookmark.state.json'));
}

const bookmark = { updatedAt: '2026-01-05T10:00:00.123456Z', id: '42' };

describe('the bookmark store', () => {
  it('has no bookmark before the first save', () => {
    expect(storeInTemporaryFolder().load()).toBeUndefined();
  });

  it('gives back what it saved, creating its folder, and leaves no temporary file', () => {
    const store = storeInTemporaryFolder();
    store.save(bookmark);
    expect(store.load()).toEqual(bookmark);
    expect(fs.readdirSync(path.dirname(store.file))).toEqual(['bookmark.state.json']);
  });

  it('replaces the file with a new one on every save, never rewriting it in place', () => {
    const store = storeInTemporaryFolder();
    store.save(bookmark);
    const first = fs.statSync(store.file).ino;
    store.save({ ...bookmark, id: '43' });
    expect(fs.statSync(store.file).ino).not.toBe(first);
    expect(store.load()).toEqual({ ...bookmark, id: '43' });
  });

  it('refuses a file that is not a bookmark, and says what to do', () => {
    const store = storeInTemporaryFolder();
    fs.mkdirSync(path.dirname(store.file), { recursive: true });
    for (const text of ['', '{"updatedAt": "x"}', '{"updatedAt": "x", "id": "4.5"}', 'not json']) {
      fs.writeFileSync(store.file, text);
      expect(() => store.load()).toThrow(ConfigurationError);
    }
    try {
      store.load();
    } catch (error) {
      expect((error as ConfigurationError).hint).toMatch(/delete it/);
    }
  });
});
