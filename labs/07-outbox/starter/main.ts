import { runMain } from '@cdc-lab/common';
import { applyOnce } from './consumer/inbox.ts';
import { runProgram } from '../src/program.ts';
import { deliverTransaction } from './relay/deliver.ts';
import { outboxEventOf, recordFor } from './relay/outbox-records.ts';
import { cancelOrder, placeOrder } from './service/orders.ts';
import { outboxWriter } from './service/outbox-writer.ts';

// Lab 7, the transactional outbox: pnpm lab --starter 7 <order | cancel | demo | relay | purge | consume | show>.
// Your work is in the five files imported above; the rest of the program is the reference's.
await runMain(() => runProgram(process.argv.slice(2), process.env, {
  placeOrder,
  cancelOrder,
  outboxWriter,
  outboxEventOf,
  recordFor,
  deliverTransaction,
  applyOnce,
}));
