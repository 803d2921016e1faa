import type { SendBatch } from './pipeline.ts';

/**
 * A send that fails ends the forwarding loop now, whatever the error. Without this the failure
 * would surface only at the next change's add(): on a quiet database, never, and the bridge
 * would look healthy while holding an event Kafka will not take. Stopping the stream ends the
 * loop; the pipeline then reports the failure, and nothing past the refused batch is confirmed.
 */
export function endStreamOnFailure(send: SendBatch, stream: { stop(): void }): SendBatch {
  return async (batch) => {
    try {
      await send(batch);
    } catch (error) {
      stream.stop();
      throw error;
    }
  };
}
