import fs from 'node:fs';
import path from 'node:path';
import type { AvroRecord } from '../stream/avro-records.ts';

/** Per topic: how many records, and their key + value bytes as lab 4's JSON and as Avro (with the 5-byte header). */
export interface TopicSizes {
  records: number;
  jsonBytes: number;
  avroBytes: number;
}

export const SIZES_FILE = 'sizes.json';

/**
 * The numbers `pnpm lab 8 sizes` prints, measured by the bridge on the records it delivered:
 * for each record it has both forms of the same change — the JSON lab 4 would have produced
 * and the Avro it produces — so nothing is estimated. Saved after every delivered transaction
 * (written to a temporary file and renamed, so a crash never leaves half a file).
 */
export class SizeTally {
  private readonly topics: Record<string, TopicSizes>;

  constructor(private readonly stateDir: string) {
    this.topics = readSizes(stateDir) ?? {};
  }

  add(records: readonly AvroRecord[]): void {
    for (const record of records) {
      const sizes = (this.topics[record.topic] ??= { records: 0, jsonBytes: 0, avroBytes: 0 });
      sizes.records += 1;
      sizes.jsonBytes += record.jsonBytes;
      sizes.avroBytes += (record.key?.length ?? 0) + (record.value?.length ?? 0);
    }
  }

  save(): void {
    fs.mkdirSync(this.stateDir, { recursive: true });
    const file = path.join(this.stateDir, SIZES_FILE);
    fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(this.topics, null, 2)}\n`);
    fs.renameSync(`${file}.tmp`, file);
  }
}

export function readSizes(stateDir: string): Record<string, TopicSizes> | undefined {
  const file = path.join(stateDir, SIZES_FILE);
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, TopicSizes>;
}
