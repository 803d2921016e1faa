// Broken on purpose: writes the bookmark only when the process exits normally, so a crash
// (SIGKILL) loses every position since the start.
import { BookmarkStore } from '../../src/bookmark-store.ts';
import type { Bookmark } from '../../src/bookmark.ts';
import { runVariant } from './run-variant.ts';

await runVariant({
  openStore: (file) => {
    const store = new BookmarkStore(file);
    let latest: Bookmark | undefined;
    process.on('exit', () => {
      if (latest) store.save(latest);
    });
    return { load: () => store.load(), save: (bookmark) => { latest = bookmark; } };
  },
});
