import { ReplicationError } from '@cdc-lab/common';

/**
 * One business event, in the shape of a row of Debezium's outbox table:
 *
 *   id             unique per event: consumers de-duplicate on it
 *   aggregatetype  what kind of thing the event is about ("order"): picks the topic
 *   aggregateid    which one ("42"): the Kafka key, so one aggregate's events stay in order
 *   type           what happened ("OrderCreated")
 *   payload        the event's content, as JSON text
 *
 * The payload stays text from end to end: the relay passes it on byte for byte, so a number
 * beyond 2^53 in it is never rounded by a JSON.parse along the way.
 */
export interface OutboxEvent {
  id: string;
  aggregatetype: string;
  aggregateid: string;
  type: string;
  /** JSON text, or null for an event without content. */
  payload: string | null;
}

/** The prefix of the logical messages that carry outbox events (the message variant). */
export const OUTBOX_MESSAGE_PREFIX = 'outbox';

/*
 * The message variant writes no row: the event is the content of a logical decoding message,
 * a JSON object with the outbox table's column names as keys and the payload as a string:
 *
 *   {"id":"…","aggregatetype":"order","aggregateid":"42","type":"OrderCreated","payload":"{\"orderId\":42,…}"}
 *
 * These are the names Debezium's DecodeLogicalDecodingMessageContent turns into an `after`
 * row for the outbox event router, and a string payload is what a jsonb column looks like to
 * it, so both variants reach Kafka the same way.
 */
export function messageContent(event: OutboxEvent): string {
  return JSON.stringify({
    id: event.id,
    aggregatetype: event.aggregatetype,
    aggregateid: event.aggregateid,
    type: event.type,
    payload: event.payload,
  });
}

/** Read an outbox event back from a message's content; a malformed one stops the relay. */
export function eventFromMessageContent(content: Buffer, where: string): OutboxEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.toString('utf8'));
  } catch (error) {
    throw malformed(where, `its content is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw malformed(where, 'its content is not a JSON object');
  const fields = parsed as Record<string, unknown>;
  const text = (name: keyof OutboxEvent): string => {
    const value = fields[name];
    if (typeof value !== 'string' || value === '') throw malformed(where, `"${name}" is missing or not a string`);
    return value;
  };
  const payload = fields.payload ?? null;
  if (payload !== null && typeof payload !== 'string') throw malformed(where, '"payload" must be JSON text in a string, or null');
  return { id: text('id'), aggregatetype: text('aggregatetype'), aggregateid: text('aggregateid'), type: text('type'), payload };
}

function malformed(where: string, why: string): ReplicationError {
  return new ReplicationError(`the outbox message ${where} is malformed: ${why}`, {
    hint: `messages with the prefix '${OUTBOX_MESSAGE_PREFIX}' must hold {"id","aggregatetype","aggregateid","type","payload"}; find the writer, fix it, and skip this message by advancing the slot past it (pg_replication_slot_advance) once you know what it held`,
  });
}
