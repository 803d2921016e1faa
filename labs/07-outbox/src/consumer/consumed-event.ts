import type { KafkaMessage } from 'kafkajs';
import { SinkError } from '@cdc-lab/common';

/** An event as the consumer reads it from Kafka: identity and type from the headers, the payload parsed. */
export interface ConsumedEvent {
  id: string;
  type: string;
  aggregateid: string;
  payload: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Read a record the relay wrote; anything else is refused, naming its place in the topic. */
export function consumedEvent(message: KafkaMessage, where: string): ConsumedEvent {
  const header = (name: string): string => {
    const value = message.headers?.[name];
    const text = Array.isArray(value) ? value[0]?.toString() : value?.toString();
    if (!text) throw malformed(where, `it has no "${name}" header`);
    return text;
  };
  const id = header('id');
  if (!UUID.test(id)) throw malformed(where, `its "id" header is not a UUID: ${JSON.stringify(id)}`);
  const aggregateid = message.key?.toString();
  if (!aggregateid) throw malformed(where, 'it has no key (the aggregate id)');
  let payload: unknown;
  try {
    payload = JSON.parse(message.value?.toString() ?? 'null');
  } catch {
    throw malformed(where, 'its value is not JSON');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw malformed(where, 'its value is not a JSON object');
  return { id, type: header('type'), aggregateid, payload: payload as Record<string, unknown> };
}

function malformed(where: string, why: string): SinkError {
  return new SinkError(`the record ${where} is not an outbox event: ${why}`, {
    hint: 'the consumer reads what the relay writes: key = aggregate id, headers id and type, value = the JSON payload',
  });
}
