import fs from 'node:fs';
import { Lsn } from '@cdc-lab/common';
import { ChangeEventBuilder, type ChangeEvent, type EventBuilderOptions } from '../../src/envelope/index.ts';
import { decodePgoutput, type PgoutputMessage } from '../../src/pgoutput/index.ts';
import type { Capture } from '../fixtures/workload.ts';

/** The frozen capture of test/fixtures/capture.ts (PostgreSQL 15). */
export function loadFixture(): Capture {
  return JSON.parse(fs.readFileSync(new URL('../fixtures/pgoutput-pg15.json', import.meta.url), 'utf8')) as Capture;
}

export interface Decoded {
  lsn: Lsn;
  bytes: Buffer;
  message: PgoutputMessage;
}

export function decodeCapture(capture: Capture): Decoded[] {
  return capture.messages.map((row) => {
    const bytes = Buffer.from(row.hex, 'hex');
    return { lsn: Lsn.parse(row.lsn), bytes, message: decodePgoutput(bytes) };
  });
}

/** A fixed processing time, so that events compare equal run after run. */
export const PROCESSED_AT_US = 1_700_000_000_123_456n;

/** Every event of a capture, through the builder with the capture's catalog answers. */
export function shapeCapture(capture: Capture, options: Partial<EventBuilderOptions> = {}): ChangeEvent[] {
  const builder = new ChangeEventBuilder({
    topicPrefix: 'fixture',
    database: capture.database,
    primaryKeys: capture.primaryKeys,
    userTypes: capture.userTypes,
    columns: capture.columns,
    clock: () => PROCESSED_AT_US,
    ...options,
  });
  return decodeCapture(capture).flatMap(({ message, lsn }) => builder.accept(message, lsn));
}

export function eventsOf(events: ChangeEvent[], table: string, op?: string): ChangeEvent[] {
  return events.filter((event) => event.table === table && (op === undefined || event.value.op === op));
}
