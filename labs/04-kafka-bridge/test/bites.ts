import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineBites } from '@cdc-lab/grading';
import { grader } from './grader.ts';

const broken = (file: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), 'broken', file);

/** Which deliberately wrong program each stage must reject; `pnpm bites` lists them. */
export const bites = defineBites(grader, [
  {
    file: broken('never-confirms-keepalives.ts'),
    why: 'never confirms a keepalive\'s position, so a quiet slot holds back the whole server\'s WAL',
    rejection: { stage: 'quiet-tables', message: /retained WAL .* under 16 MB within 25 s/ },
  },
  {
    file: broken('no-column-facts.ts'),
    why: "reads no NOT NULL facts from the catalog, so a delete's before image has null where Debezium writes the column's zero",
    rejection: { stage: 'events', message: /the d event to have before \{"id":1,"name":"","email":null\}[\s\S]*before \{"id":1,"name":null,"email":null\}/ },
  },
  {
    file: broken('no-tombstone.ts'),
    why: 'produces no tombstone after a delete',
    rejection: { stage: 'tombstones', message: /records c \{"id":1\}.*tombstone/ },
  },
  {
    file: broken('key-change-as-update.ts'),
    why: 'sends an update that changes the key as one update under the new key',
    rejection: { stage: 'tombstones', message: /d \{"id":2\}, tombstone \{"id":2\}, c \{"id":20\}/ },
  },
  {
    file: broken('tombstone-without-headers.ts'),
    why: 'sends tombstones without their delete\'s headers',
    rejection: { stage: 'tombstones', message: /headers \{"__debezium.newkey":"\{\\"id\\":20\}"\} on the delete, \{\} on the tombstone/ },
  },
  {
    file: broken('tombstone-after-truncate.ts'),
    why: 'sends a tombstone after every event without an after image, truncates included',
    rejection: { stage: 'truncate', message: /a truncate gets no tombstone[\s\S]*c \{"id":1\}, c \{"id":2\}, t null, tombstone null/ },
  },
  {
    file: broken('bigint-as-number.ts'),
    why: 'writes records with JSON.stringify, bigints turned into numbers',
    rejection: { stage: 'types', message: /every digit kept[\s\S]*key \{"id":9007199254740992\}/ },
  },
  {
    file: broken('unchanged-toast-as-null.ts'),
    why: "reads an unchanged TOASTed value ('u') as NULL",
    rejection: { stage: 'toast', message: /toasty's update \(REPLICA IDENTITY DEFAULT\)[\s\S]*after\.big null/ },
  },
  {
    file: broken('ignores-relation-changes.ts'),
    why: 'keeps the first shape of each table and ignores later Relation messages',
    rejection: { stage: 'schema-change', message: /events after ADD COLUMN and after DROP COLUMN[\s\S]*exited[\s\S]*has 3 columns, but its Relation message lists 2/ },
  },
  {
    file: broken('public-schema-topics.ts'),
    why: 'names every topic <prefix>.public.<table>, whatever the schema',
    rejection: { stage: 'topics', message: /the insert into shop\.orders in its own topic/ },
  },
  {
    file: broken('single-topic-bare-keys.ts'),
    why: 'keys records in the single topic by primary key alone, without the table',
    rejection: { stage: 'single-topic', message: /in commit order: [\s\S]*c users \{"id":1\}; c orders \{"id":1\}/ },
  },
  {
    file: broken('round-robin-partitions.ts'),
    why: 'spreads records over partitions in turn instead of by key',
    rejection: { stage: 'order', message: /every record of key .* in one partition/ },
  },
  {
    file: broken('one-request-per-record.ts'),
    why: 'sends one produce request per record',
    rejection: { stage: 'throughput', message: /records per produce request/ },
  },
  {
    file: broken('confirms-before-ack.ts'),
    why: 'confirms each transaction when its commit arrives, before Kafka acknowledges it',
    rejection: { stage: 'at-least-once', message: /while the confirmation is held back[\s\S]*past the start of that commit record/ },
  },
  {
    file: broken('exits-without-confirming.ts'),
    why: 'exits on Ctrl-C without flushing and confirming',
    rejection: { stage: 'shutdown', message: /confirmed_flush_lsn past .*where the commit record of transaction \d+ starts/ },
  },
  {
    file: broken('waits-out-confirm-delay.ts'),
    why: 'forgets what Kafka acknowledged while --confirm-delay runs, so Ctrl-C confirms nothing',
    rejection: { stage: 'shutdown', message: /confirmed_flush_lsn past .*where the commit record of transaction \d+ starts/ },
  },
  {
    file: broken('confirms-commit-start.ts'),
    why: "confirms where the commit record starts (Begin's final LSN) instead of where it ends",
    rejection: { stage: 'shutdown', message: /confirmed_flush_lsn past (\S+), where the commit record of transaction \d+ starts[\s\S]*got confirmed_flush_lsn \1\n|nothing acknowledged and confirmed before Ctrl-C comes again/ },
  },
  {
    file: broken('confirms-before-ack.ts'),
    why: 'confirms each transaction when its commit arrives, while the broker is frozen',
    rejection: { stage: 'backpressure', message: /Kafka is frozen and has acknowledged none of it[\s\S]*past the start of that commit record/ },
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
    file: broken('holds-whole-transaction.ts'),
    why: 'holds each transaction until its commit arrives before producing it',
    rejection: { stage: 'large-transaction', message: /memory to stay under 300 MB/ },
  },
  {
    file: broken('tail-json-parse.ts'),
    why: 'digests values in tail with JSON.parse, losing int64 digits',
    rejection: { stage: 'tail', message: /the id with every digit[\s\S]*"id":9007199254740992/ },
  },
  {
    file: broken('retries-broker-forever.ts'),
    why: 'retries an unreachable broker for ever instead of reporting it',
    rejection: { stage: 'broker-unreachable', message: /the bridge to give up on an unreachable broker/ },
  },
  {
    file: broken('trusts-existing-publication.ts'),
    why: 'uses an existing publication without checking that it publishes deletes',
    rejection: { stage: 'publication', message: /the bridge to refuse the publication/ },
  },
  {
    file: broken('unexplained-replication-error.ts'),
    why: "passes Postgres's refusal of a role without REPLICATION through without the fix",
    rejection: { stage: 'no-replication', message: /a message with the fix: ALTER ROLE/ },
  },
  {
    file: broken('skips-refused-batch.ts'),
    why: 'logs a batch Kafka refused and carries on without it',
    rejection: { stage: 'oversized-event', message: /to stop on its own within 15 s of Kafka refusing/ },
  },
  {
    file: broken('raw-stream-errors.ts'),
    why: 'passes an error that ends the stream through as the driver gave it',
    rejection: { stage: 'not-utf8', message: /names the cause \(a value that is not UTF-8, a SQL_ASCII database\)/ },
  },
  {
    file: broken('decodes-password-into-url.ts'),
    why: 'rebuilds the replication URL with the password decoded',
    rejection: { stage: 'connection-settings', message: /the insert, streamed as the role with the awkward password|Listening on slot/ },
  },
  {
    file: broken('shapes-by-table-name.ts'),
    why: 'remembers table shapes by name, not by relation id',
    rejection: { stage: 'dropped-under-the-bridge', message: /the insert into the notes table made again after DROP TABLE|author/ },
  },
  {
    file: broken('restarts-on-any-error.ts'),
    why: 'runs itself again after any failure',
    rejection: { stage: 'slot-dropped', message: /the bridge to stop once its slot is gone/ },
  },
], { message: /TODO: .+ is not implemented yet/ });
