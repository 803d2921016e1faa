// Broken on purpose: keeps the bookmark in memory only; every start begins from the beginning.
import { runVariant } from './run-variant.ts';

await runVariant({ openStore: () => ({ load: () => undefined, save: () => {} }) });
