import path from 'node:path';
import { register } from 'node:module';

/**
 * Loaded with `--import` before a starter's entry file (see target.ts): registers the hooks
 * that put the learner's exercise files in place of the reference's (starter-hooks.ts). The lab
 * is found from the entry's path, labs/NN-slug/starter/main.ts.
 */
const entry = process.argv[1];
const starterDir = entry ? path.dirname(entry).split(path.sep) : [];
const at = starterDir.lastIndexOf('starter');
if (at > 0) {
  register('./starter-hooks.ts', import.meta.url, { data: { labDir: starterDir.slice(0, at).join(path.sep) } });
}
