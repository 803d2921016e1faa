// Broken on purpose: does not handle Ctrl-C, so SIGINT kills it mid-loop.
import { runVariant } from './run-variant.ts';

await runVariant({ stopSignals: [] });
