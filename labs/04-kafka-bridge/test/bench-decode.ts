/**
 * How fast is the pure part of the path of one change — decode pgoutput, shape the envelope,
 * write JSON — on one core? Replays captured row changes as 100,000 messages inside one
 * transaction and prints events per second for each step added:
 *
 *   npx tsx labs/04-kafka-bridge/test/bench-decode.ts [messages]
 *
 * The changes are the fixture's rows of typed columns (numbers, text, times, arrays, …): wide
 * rows, about 40 to 420 bytes each — heavier than a typical narrow table.
 */
import { ChangeEventBuilder, kafkaRecordsFor, serializeRecord } from '../src/envelope/index.ts';
import { decodePgoutput } from '../src/pgoutput/index.ts';
import { decodeCapture, loadFixture } from './support/fixture.ts';

const count = Number(process.argv[2] ?? 100_000);
const capture = loadFixture();
const decoded = decodeCapture(capture);
// The first transaction of the capture: Begin, Relations and Types, inserts of every typed table.
const firstCommit = decoded.findIndex(({ message }) => message.tag === 'commit');
const preamble = decoded.slice(0, firstCommit).filter(({ message }) => message.tag === 'begin' || message.tag === 'relation' || message.tag === 'type');
const changes = decoded.slice(0, firstCommit).filter(({ message }) => message.tag === 'insert');
const stream = Array.from({ length: count }, (_, index) => changes[index % changes.length]!);
const bytesPerChange = changes.reduce((sum, change) => sum + change.bytes.length, 0) / changes.length;

function newBuilder(): ChangeEventBuilder {
  const builder = new ChangeEventBuilder({ topicPrefix: 'bench', database: capture.database, primaryKeys: capture.primaryKeys, userTypes: capture.userTypes });
  for (const { message, lsn } of preamble) builder.accept(message, lsn);
  return builder;
}

function measure(name: string, work: () => number): void {
  work(); // warm up the JIT on one pass first
  const started = process.hrtime.bigint();
  const produced = work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`${name.padEnd(34)} ${Math.round(produced / seconds).toLocaleString('en-US').padStart(10)} events/s  (${produced.toLocaleString('en-US')} in ${seconds.toFixed(2)} s)`);
}

console.log(`${count.toLocaleString('en-US')} changes of ${changes.length} wide rows, ${Math.round(bytesPerChange)} bytes on average, Node ${process.version}`);
measure('decode', () => {
  let decodedCount = 0;
  for (const change of stream) if (decodePgoutput(change.bytes).tag === 'insert') decodedCount += 1;
  return decodedCount;
});
measure('decode + shape', () => {
  const builder = newBuilder();
  let events = 0;
  for (const change of stream) events += builder.accept(decodePgoutput(change.bytes), change.lsn).length;
  return events;
});
measure('decode + shape + records + JSON', () => {
  const builder = newBuilder();
  let bytes = 0;
  let events = 0;
  for (const change of stream) {
    for (const event of builder.accept(decodePgoutput(change.bytes), change.lsn)) {
      for (const record of kafkaRecordsFor(event, { prefix: 'bench' })) bytes += serializeRecord(record).value?.length ?? 0;
      events += 1;
    }
  }
  if (bytes === 0) throw new Error('nothing was serialized');
  return events;
});
