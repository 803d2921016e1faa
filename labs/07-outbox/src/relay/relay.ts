import { colour, ReplicationError } from '@cdc-lab/common';
import { ReplicationStream } from '@cdc-lab/03-logical-streamer/replication';
import { captureTransactions } from '@cdc-lab/04-kafka-bridge/capture';
import { ChangeEventBuilder, connectionOptions } from '@cdc-lab/04-kafka-bridge/envelope';
import { withClient, withSessionOptions } from '../database.ts';
import { OUTBOX_MESSAGE_PREFIX } from '../outbox-event.ts';
import { displayName, ensureServiceSchema, OUTBOX_TABLE, quoteIdentifier } from '../schema.ts';
import type { Command } from '../settings.ts';
import { Confirmations } from './confirmations.ts';
import { KafkaSink } from './kafka-sink.ts';
import type { OutboxSource } from './outbox-records.ts';
import { ensureMessagePublication, ensureOutboxPublication } from './publication.ts';
import { relayTransactions, type RelayParts } from './relay-transactions.ts';

type RelayCommand = Extract<Command, { kind: 'relay' }>;

/**
 * The relay, top to bottom: the publication, Kafka, the slot's stream; then relay until
 * Ctrl-C; then confirm what Kafka has acknowledged, say goodbye to Postgres, disconnect.
 */
export async function relay(command: RelayCommand, parts: RelayParts): Promise<void> {
  const source = await prepareSource(command);
  const sink = await KafkaSink.connect(command.brokers, 'cdc-lab-07-relay', { sendDelayMs: command.sendDelayMs });
  let stream: ReplicationStream;
  try {
    stream = await ReplicationStream.open({
      // pgoutput prints values with the session's settings; lab 4's envelope reads one spelling.
      connectionString: withSessionOptions(command.connectionString, connectionOptions()),
      slot: command.slot,
      plugin: 'pgoutput',
      pluginOptions: {
        proto_version: '1',
        publication_names: quoteIdentifier(command.publication),
        // Without it pgoutput drops every pg_logical_emit_message() on the floor.
        ...(source.variant === 'message' ? { messages: 'true' } : {}),
      },
      statusIntervalMs: command.statusIntervalMs,
    });
  } catch (error) {
    await sink.close();
    throw error;
  }
  if (stream.slot.created) console.log(`Created slot '${stream.slot.name}' (pgoutput) at ${stream.slot.confirmedFlushLsn.toString()}`);
  const print = (line: string) => console.log(line);
  const confirmations = new Confirmations(stream, command.confirmDelayMs, print);
  const builder = new ChangeEventBuilder({ topicPrefix: command.topicPrefix, database: decodeURIComponent(new URL(command.connectionString).pathname.slice(1)) });

  let stopRequested = false;
  const onSignal = () => {
    if (stopRequested) process.exit(130);
    stopRequested = true;
    stream.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  describe(command, source);
  console.log(`Listening on slot '${stream.slot.name}'...`);
  try {
    await relayTransactions(captureTransactions(stream, { builder }), { source, topicPrefix: command.topicPrefix }, {
      sink,
      confirmations,
      print,
    }, parts);
  } finally {
    // Whatever stopped us, Kafka has acknowledged everything waiting for its confirmation.
    confirmations.flush();
    await stream.close();
    await sink.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (!stopRequested) {
    throw new ReplicationError('the server ended the replication stream', {
      retriable: true,
      hint: 'Postgres is probably shutting down; run the relay again once it is back: it resumes from the last confirmed transaction',
    });
  }
  console.log(`Stopped. Confirmed up to ${stream.confirmedLsn.toString()}: the next run starts after it.`);
}

/** The publication (and, for the table variant, the table) must exist before the slot. */
async function prepareSource(command: RelayCommand): Promise<OutboxSource> {
  return withClient(command.connectionString, async (client) => {
    if (command.variant === 'table') {
      await ensureServiceSchema(client);
      const state = await ensureOutboxPublication(client, command.publication, OUTBOX_TABLE);
      if (state === 'created') console.log(`Created publication '${command.publication}' for ${displayName(OUTBOX_TABLE)} alone`);
      return { variant: 'table', table: OUTBOX_TABLE };
    }
    const state = await ensureMessagePublication(client, command.publication);
    if (state === 'created') console.log(`Created publication '${command.publication}' with no tables: messages need none, pgoutput needs a name`);
    return { variant: 'message', prefix: OUTBOX_MESSAGE_PREFIX };
  });
}

function describe(command: RelayCommand, source: OutboxSource): void {
  const from = source.variant === 'table'
    ? `INSERTs into ${displayName(source.table)}`
    : `transactional messages with the prefix '${source.prefix}'`;
  console.log(`Relaying ${from} to ${command.topicPrefix}.outbox.event.<aggregatetype>`);
  if (command.confirmDelayMs > 0) console.log(colour.yellow(`--confirm-delay ${command.confirmDelayMs}: each transaction is confirmed ${command.confirmDelayMs} ms after Kafka acknowledged it`));
  if (command.sendDelayMs > 0) console.log(colour.yellow(`--send-delay ${command.sendDelayMs}: each transaction waits ${command.sendDelayMs} ms before it is sent`));
}
