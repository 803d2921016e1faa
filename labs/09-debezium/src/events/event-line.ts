import type { TopicRecord } from './read-topics.ts';

const MAX_VALUE = 240;

/**
 * One record as one line: `event <topic> op=<op> key=<key> snapshot=<…> <after or before>`, a
 * tombstone as `tombstone <topic> key=<key>`, anything that is not a change event (an outbox
 * payload, a heartbeat) as `record <topic> key=<key> <value>`.
 */
export function eventLine(record: Pick<TopicRecord, 'topic' | 'key' | 'value' | 'headers'>): string {
  const key = record.key ?? 'null';
  if (record.value === null) return `tombstone ${record.topic} key=${key}`;
  let event: { op?: unknown; before?: unknown; after?: unknown; source?: { snapshot?: unknown } } | undefined;
  try {
    event = JSON.parse(record.value) as typeof event;
  } catch {
    event = undefined;
  }
  if (event && typeof event === 'object' && typeof event.op === 'string') {
    const row = event.op === 'd' ? { before: event.before } : { after: event.after };
    return `event ${record.topic} op=${event.op} key=${key} snapshot=${String(event.source?.snapshot)} ${clip(JSON.stringify(row))}`;
  }
  const headers = Object.entries(record.headers).filter(([name]) => !name.startsWith('__debezium.context.')).map(([name, value]) => `${name}=${value}`);
  return `record ${record.topic} key=${key}${headers.length > 0 ? ` ${headers.join(' ')}` : ''} ${clip(record.value)}`;
}

function clip(text: string): string {
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}
