// Broken on purpose: rewrites the bookmark file in place. A crash between the truncation and
// the write leaves an empty file behind.
import fs from 'node:fs';
import path from 'node:path';
import { BookmarkStore } from '../../src/bookmark-store.ts';
import { runVariant } from './run-variant.ts';

await runVariant({
  openStore: (file) => {
    const store = new BookmarkStore(file);
    return {
      load: () => store.load(),
      save: (bookmark) => {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, JSON.stringify({ ...bookmark, savedAt: new Date().toISOString() }));
      },
    };
  },
});
