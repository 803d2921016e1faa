/**
 * Broken on purpose: the message variant with pg_logical_emit_message(false, …). A
 * non-transactional message is decoded the moment it is written, whatever becomes of its
 * transaction, so the relay refuses it — and every event is lost. The atomic-message stage
 * must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { messageContent, OUTBOX_MESSAGE_PREFIX } from '../../src/outbox-event.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';
import { outboxWriter, type OutboxWriter } from '../../src/service/outbox-writer.ts';

const nonTransactional: typeof outboxWriter = (variant, cleanup): OutboxWriter => {
  if (variant === 'table') return outboxWriter(variant, cleanup);
  return {
    description: `a NON-transactional logical message with the prefix '${OUTBOX_MESSAGE_PREFIX}'`,
    async write(client, event) {
      await client.query('SELECT pg_logical_emit_message(false, $1, $2::text)', [OUTBOX_MESSAGE_PREFIX, messageContent(event)]);
    },
  };
};

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, outboxWriter: nonTransactional }));
