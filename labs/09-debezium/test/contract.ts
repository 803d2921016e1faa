import { defineLineFormats } from '@cdc-lab/grading';

/*
 * Lab 9's contract in code: every line of output a stage reads, with a real example. The
 * chapter's Contract section (docs/09-debezium.md#contract) shows each example. What the stages
 * check in Kafka Connect, Postgres and Kafka (connector configs and states, slots, records) is
 * written there too; it is not a line, so it is not here.
 */

export const lineFormats = defineLineFormats({
  running: {
    name: 'the line once the connector, its task and its slot run',
    pattern: /Connector '[^']+' is RUNNING/,
    example: "Connector 'demo09-postgres' is RUNNING (connector RUNNING, task 0 RUNNING, Debezium 3.6.1.Final)",
  },
  showing: {
    name: 'the line once the program follows the connector\'s topics',
    pattern: /^Showing the records of /,
    example: 'Showing the records of demo09.* (Ctrl-C stops showing; the connector keeps running: `pnpm lab 9 delete --drop-slot` removes it)...',
  },
  event: {
    name: 'a change event as the program shows it: topic, op, key, source.snapshot, then the row',
    pattern: /^event (\S+) op=(\S+) key=(\S+) (?:snapshot=(\S+) )?/,
    example: 'event demo09.public.users op=c key={"id":3} snapshot=false {"after":{"id":3,"name":"Barbara","email":"barbara@example.com"}}',
  },
  compared: {
    name: 'the last line of compare, when nothing differs but the documented fields',
    pattern: /^compared \d+ Debezium record\(s\) with lab 4's: 0 undocumented difference\(s\)$/,
    example: "compared 36 Debezium record(s) with lab 4's: 0 undocumented difference(s)",
  },
  lab7Event: {
    name: 'a line of lab 7\'s demo naming an event it committed (printed by lab 7\'s reference, which the outbox-router stage runs)',
    pattern: /\(event (\w+) ([0-9a-f-]{36})\)$/,
    example: 'order 7 cancelled (event OrderCancelled 106b48e7-e3d9-4c9b-96b2-a6261eedc1a5)',
  },
});

/** The running line as a stage waits for it: this text, with the connector's name, anywhere in a line. */
export function runningText(connector: string): string {
  return `Connector '${connector}' is RUNNING`;
}

/**
 * An event line of this topic, op and key — and, when given, this source.snapshot. (The topic,
 * op, key and snapshot a stage looks for never contain a space.)
 */
export function isEventLine(topic: string, op: string, key: string, snapshot?: string): (line: string) => boolean {
  return (line) => {
    const match = lineFormats.event.pattern.exec(line);
    return match !== null && match[1] === topic && match[2] === op && match[3] === key && (snapshot === undefined || match[4] === snapshot);
  };
}
