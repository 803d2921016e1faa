// Broken on purpose: counts one query per poll, however many pages the poll read.
import { pollOnce } from '../../src/poll.ts';
import { runVariant } from './run-variant.ts';

await runVariant({
  pollOnce: async (...args) => ({ ...(await pollOnce(...args)), queries: 1 }),
});
