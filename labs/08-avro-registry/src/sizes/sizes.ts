import { ConfigurationError } from '@cdc-lab/common';
import { readSizes, type TopicSizes } from './size-tally.ts';

/**
 * `pnpm lab 8 sizes`: JSON against Avro, per topic, for the records the bridge delivered. The
 * same changes, the same envelope; the difference is where the field names are (in every JSON
 * record, in the registry once for Avro) and how numbers are written (digits in JSON, varints
 * and fixed widths in Avro).
 */
export function printSizes(stateDir: string, topicPrefix: string): void {
  const all = readSizes(stateDir);
  const topics = Object.entries(all ?? {}).filter(([topic]) => topic.startsWith(`${topicPrefix}.`)).sort(([a], [b]) => a.localeCompare(b));
  if (topics.length === 0) {
    throw new ConfigurationError(`no sizes measured yet for topics under ${topicPrefix}.`, {
      hint: `the bridge (pnpm lab 8) measures every record it delivers and keeps the numbers in ${stateDir}: run it and change a table first`,
    });
  }
  const total: TopicSizes = { records: 0, jsonBytes: 0, avroBytes: 0 };
  const rows = topics.map(([topic, sizes]) => {
    total.records += sizes.records;
    total.jsonBytes += sizes.jsonBytes;
    total.avroBytes += sizes.avroBytes;
    return row(topic, sizes);
  });
  const width = Math.max(5, ...topics.map(([topic]) => topic.length));
  console.log(`${'topic'.padEnd(width)}  ${'records'.padStart(8)}  ${'JSON bytes'.padStart(11)}  ${'Avro bytes'.padStart(11)}  ${'JSON/record'.padStart(11)}  ${'Avro/record'.padStart(11)}  Avro/JSON`);
  for (const line of rows) console.log(format(line, width));
  if (topics.length > 1) console.log(format(row('total', total), width));
  console.log('Avro bytes include the 5-byte header (magic byte and schema id) of every key and value; the schemas themselves are in the registry, once.');
}

function row(topic: string, sizes: TopicSizes) {
  return {
    topic,
    ...sizes,
    jsonPerRecord: Math.round(sizes.jsonBytes / Math.max(1, sizes.records)),
    avroPerRecord: Math.round(sizes.avroBytes / Math.max(1, sizes.records)),
    ratio: sizes.jsonBytes === 0 ? 0 : Math.round((100 * sizes.avroBytes) / sizes.jsonBytes),
  };
}

function format(line: ReturnType<typeof row>, width: number): string {
  return `${line.topic.padEnd(width)}  ${String(line.records).padStart(8)}  ${String(line.jsonBytes).padStart(11)}  ${String(line.avroBytes).padStart(11)}  ${String(line.jsonPerRecord).padStart(11)}  ${String(line.avroPerRecord).padStart(11)}  ${line.ratio} %`;
}
