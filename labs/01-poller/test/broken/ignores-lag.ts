// Broken on purpose: accepts --lag but reads rows as soon as they are visible.
import { runVariant } from './run-variant.ts';

await runVariant({}, (settings) => ({ ...settings, lagMs: 0 }));
