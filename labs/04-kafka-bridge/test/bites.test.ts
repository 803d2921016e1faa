import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerBiteTests } from '@cdc-lab/grading';
import { grader } from './grader.ts';

const broken = (file: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), 'broken', file);

registerBiteTests(grader, [
  {
    file: broken('confirms-before-ack.ts'),
    why: 'confirms each transaction when its commit arrives, before Kafka acknowledges it',
    rejection: { stage: 'backpressure', message: /confirmed_flush_lsn .* past the transaction/ },
  },
  {
    file: broken('no-tombstone.ts'),
    why: 'produces no tombstone after a delete',
    rejection: { stage: 'tombstones', message: /records c \{"id":1\}.*tombstone/ },
  },
  {
    file: broken('round-robin-partitions.ts'),
    why: 'spreads records over partitions in turn instead of by key',
    rejection: { stage: 'order', message: /every record of key .* in one partition/ },
  },
  {
    file: broken('unbounded-buffer.ts'),
    why: 'buffers without bound while Kafka is slow',
    rejection: { stage: 'backpressure', message: /memory to stay under 300 MB/ },
  },
  {
    file: broken('slow-status-updates.ts'),
    why: 'sends status updates every 10 s whatever wal_sender_timeout is',
    rejection: { stage: 'backpressure', message: /keep running while the broker is frozen|same replication connection all along/ },
  },
  {
    file: broken('one-request-per-record.ts'),
    why: 'sends one produce request per record',
    rejection: { stage: 'throughput', message: /records per produce request/ },
  },
  {
    file: broken('exits-without-confirming.ts'),
    why: 'exits on Ctrl-C without flushing and confirming',
    rejection: { stage: 'shutdown', message: /confirmed_flush_lsn past transaction/ },
  },
  {
    file: broken('confirms-commit-start.ts'),
    why: "confirms where the commit record starts (Begin's final LSN) instead of where it ends",
    rejection: { stage: 'shutdown', message: /nothing acknowledged and confirmed before Ctrl-C comes again/ },
  },
  {
    file: broken('ignores-relation-changes.ts'),
    why: 'keeps the first shape of each table and ignores later Relation messages',
    rejection: { stage: 'schema-change', message: /after images|exited/ },
  },
], { message: /TODO: .+ is not implemented yet/ });
