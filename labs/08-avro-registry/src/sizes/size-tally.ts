import fs from 'node:fs';
import path from 'node:path';
import type { AvroRecord } from '../stream/avro-records.ts';

/** Per topic: how many records, and their key + value bytes as lab 4's JSON and as Avro (with the 5-byte header). */
export interface TopicSizes {
  records: number;
  jsonBytes: number;
  avroBytes: number;
}

/** One record on its way to Kafka, as the tally remembers it until Kafka acknowledges it. */
interface Measured {
  topic: string;
  jsonBytes: number;
  avroBytes: number;
}

export const SIZES_FILE = 'sizes.json';
/** Saving after every acknowledged batch would write the file hundreds of times a second. */
const SAVE_EVERY_MS = 1_000;

/** A record's Avro bytes as Kafka holds them: key and value as framed, each 5-byte header included. */
export function avroBytesOf(record: AvroRecord): number {
  return (record.key?.length ?? 0) + (record.value?.length ?? 0);
}

/**
 * The numbers `pnpm lab 8 sizes` prints, measured by the bridge on the records it delivered:
 * for each record it has both forms of the same change — the JSON lab 4 would have produced
 * and the Avro it produces — so nothing is estimated.
 *
 * Records are measured when they go into the pipeline and counted once Kafka acknowledged
 * them. Batches are acknowledged in the order the records were added, so the records of an
 * acknowledged batch are always the oldest ones waiting here. Saved at most once a second and
 * when the bridge stops (written to a temporary file and renamed, so a crash never leaves half
 * a file).
 */
export class SizeTally {
  private readonly topics: Record<string, TopicSizes>;
  private readonly waiting: Measured[] = [];
  /** Where the oldest unacknowledged record is in `waiting` (cheaper than shifting the array). */
  private head = 0;
  private savedAt = 0;

  constructor(private readonly stateDir: string, private readonly measure: typeof avroBytesOf = avroBytesOf) {
    this.topics = readSizes(stateDir) ?? {};
  }

  /** Records that went into the pipeline, in that order. */
  added(records: readonly AvroRecord[]): void {
    for (const record of records) {
      this.waiting.push({ topic: record.topic, jsonBytes: record.jsonBytes, avroBytes: this.measure(record) });
    }
  }

  /** Kafka acknowledged the next `count` records: count them, and save now and then. */
  acknowledged(count: number): void {
    const end = Math.min(this.head + count, this.waiting.length);
    for (; this.head < end; this.head += 1) {
      const record = this.waiting[this.head]!;
      const sizes = (this.topics[record.topic] ??= { records: 0, jsonBytes: 0, avroBytes: 0 });
      sizes.records += 1;
      sizes.jsonBytes += record.jsonBytes;
      sizes.avroBytes += record.avroBytes;
    }
    if (this.head > 1_000 && this.head * 2 > this.waiting.length) {
      this.waiting.splice(0, this.head);
      this.head = 0;
    }
    if (Date.now() - this.savedAt >= SAVE_EVERY_MS) this.save();
  }

  save(): void {
    fs.mkdirSync(this.stateDir, { recursive: true });
    const file = path.join(this.stateDir, SIZES_FILE);
    fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(this.topics, null, 2)}\n`);
    fs.renameSync(`${file}.tmp`, file);
    this.savedAt = Date.now();
  }
}

export function readSizes(stateDir: string): Record<string, TopicSizes> | undefined {
  const file = path.join(stateDir, SIZES_FILE);
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, TopicSizes>;
}
