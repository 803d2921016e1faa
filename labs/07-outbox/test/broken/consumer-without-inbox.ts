/**
 * Broken on purpose: the consumer applies every record it reads — no inbox. Fine until Kafka
 * delivers an event twice, which at-least-once delivery does; then a balance moves twice. The
 * consumer-inbox stage must reject it, and so must the relay-crash stages, where the copies
 * come from a relay that sent its events again after a crash.
 */
import { runMain } from '@cdc-lab/common';
import { inTransaction } from '../../src/database.ts';
import type { applyOnce } from '../../src/consumer/inbox.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

const applyAlways: typeof applyOnce = async (client, event, apply) => {
  return inTransaction(client, async () => ({ kind: 'applied', change: await apply(client, event) }));
};

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, applyOnce: applyAlways }));
