import pg from 'pg';
import { colour, redactUrl, ReplicationError, SinkError } from '@cdc-lab/common';
import { explainPostgresError, type ReplicationStream } from '@cdc-lab/03-logical-streamer/replication';
import { BridgeStream, captureTransactions, ensurePublication, readCatalog, tablesWithoutReplicaIdentity } from '@cdc-lab/04-kafka-bridge/capture';
import { ChangeEventBuilder, TypeCatalog } from '@cdc-lab/04-kafka-bridge/envelope';
import { Acknowledger } from '@cdc-lab/04-kafka-bridge/position/acknowledger';
import { ProducePipeline, type Pipeline } from '@cdc-lab/04-kafka-bridge/produce/pipeline';
import { replicationUrl, statusIntervalFor } from '@cdc-lab/04-kafka-bridge/replication-settings';
import type { ProgramParts } from '../parts.ts';
import { RegistryClient } from '../registry/rest.ts';
import type { StreamCommand } from '../settings.ts';
import { SizeTally } from '../sizes/size-tally.ts';
import type { AvroRecord } from './avro-records.ts';
import { forwardTransactions } from './forward.ts';
import { KafkaSink } from './kafka-sink.ts';
import { RegisteredTables } from './registered-tables.ts';
import { RelationTap } from './relation-tap.ts';

/** On Ctrl-C or an error, how long to wait for Kafka to acknowledge what is in flight. */
const FLUSH_TIMEOUT_MS = 10_000;

/**
 * The stream command, top to bottom: the publication and the catalog, the registry and Kafka,
 * the slot's stream and lab 4's pipeline; then forward until Ctrl-C or an error; then let Kafka
 * acknowledge what it has and close the stream, whose last status update carries only what
 * Kafka acknowledged.
 */
export async function runBridge(command: StreamCommand, parts: ProgramParts): Promise<void> {
  const print = (line: string) => console.log(line);
  const sql = new pg.Client({ connectionString: command.connectionString });
  sql.on('error', () => {});
  try {
    await sql.connect().catch((error: unknown) => { throw explainPostgresError(error, { step: 'connect', slot: command.slot, user: sql.user ?? 'postgres' }); });
    const { database, statusIntervalMs } = await prepareSource(sql, command);
    const registry = new RegistryClient(command.registryUrl);
    await registry.subjects(); // reachable? If not, this fails now, with a hint, before the slot exists.
    print(`Registering schemas at ${redactUrl(command.registryUrl)} (new subjects: ${command.compatibility})`);
    // Kafka and the registry before the slot: a bridge that cannot deliver should not make Postgres keep WAL for it.
    const sink = await KafkaSink.connect(command.brokers, print);
    try {
      const types = new TypeCatalog();
      const catalog = await readCatalog(sql);
      types.addUserTypes(catalog.userTypes);
      const builder = new ChangeEventBuilder({ topicPrefix: command.topicPrefix, database, ...catalog, unknownTypes: 'text' });
      const tap = new RelationTap(types);
      const tables = new RegisteredTables({ client: registry, compatibility: command.compatibility, topicPrefix: command.topicPrefix, tap, types, catalog, parts, report: print });
      const onRelation = async () => {
        // A new table or an ALTER TABLE: keys, NOT NULL and defaults may have changed with it.
        const fresh = await readCatalog(sql);
        types.addUserTypes(fresh.userTypes);
        builder.updateCatalog(fresh);
        tables.updateCatalog(fresh);
      };
      const stream = await BridgeStream.open({
        connectionString: replicationUrl(command.connectionString),
        slot: command.slot,
        plugin: 'pgoutput',
        pluginOptions: { proto_version: '1', publication_names: command.publication },
        statusIntervalMs,
      });
      // Lab 4's produce side, as it is: the pipeline batches, Kafka acknowledges batch by batch,
      // and the acknowledger confirms the last commit of each acknowledged batch — and nothing else.
      const acknowledger = new Acknowledger(stream, { delayMs: 0, report: print });
      const sizes = new SizeTally(command.stateDir, parts.avroBytesOf);
      const pipeline = new ProducePipeline<AvroRecord>(parts.endStreamOnFailure(sink.send, stream), (batch) => {
        sizes.acknowledged(batch.records);
        acknowledger.kafkaAcknowledged(batch);
      });
      if (stream.slot.created) print(`Created slot '${stream.slot.name}' (pgoutput) at ${stream.slot.confirmedFlushLsn.toString()}`);
      print(`Producing Avro to Kafka at ${command.brokers.join(',')}: one topic per table, ${command.topicPrefix}.<schema>.<table>`);

      let stopRequested = false;
      const onSignal = () => {
        if (stopRequested) process.exit(130);
        stopRequested = true;
        print('Stopping: reading no more changes; waiting for Kafka to acknowledge what it has');
        stream.stop();
        pipeline.stop();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      print(`Listening on slot '${stream.slot.name}'...`);
      try {
        await stopCleanly(stream, pipeline, acknowledger, forwardTransactions(captureTransactions(tap.watch(stream), { builder, onRelation }), {
          pipeline, tables, topicPrefix: command.topicPrefix, frame: parts.frame, sizes,
        }));
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        sizes.save();
      }
      if (!stopRequested) {
        throw new ReplicationError('the server ended the replication stream', {
          retriable: true,
          hint: 'Postgres is probably shutting down; run the bridge again once it is back: it resumes from the confirmed position',
        });
      }
      print(`Stopped. Confirmed up to ${stream.confirmedLsn.toString()}: the next run starts after it.`);
    } finally {
      await sink.close();
    }
  } finally {
    await sql.end().catch(() => {});
  }
}

/** The publication (created or checked), warnings about tables Postgres cannot publish, and settings. */
async function prepareSource(sql: pg.Client, command: StreamCommand): Promise<{ database: string; statusIntervalMs: number }> {
  try {
    const publication = await ensurePublication(sql, command.publication, command.tables);
    const what = command.tables.length > 0 ? `tables ${command.tables.join(', ')}` : 'all tables';
    console.log(publication === 'created' ? `Created publication '${command.publication}' for ${what}` : `Using publication '${command.publication}'`);
    for (const table of await tablesWithoutReplicaIdentity(sql, command.publication)) {
      console.log(colour.yellow(`warning: ${table} has no replica identity: Postgres will refuse its UPDATEs and DELETEs while the publication publishes them; give it a primary key or run ALTER TABLE ${table} REPLICA IDENTITY FULL`));
    }
    const database = (await sql.query<{ name: string }>('SELECT current_database() AS name')).rows[0]!.name;
    const statusIntervalMs = command.statusIntervalMs ?? await statusIntervalFor(sql);
    return { database, statusIntervalMs };
  } catch (error) {
    throw explainPostgresError(error, { step: 'query', slot: command.slot });
  }
}

/**
 * Lab 4's way out, with one difference: whatever ended the loop — Ctrl-C, the server, or a
 * schema the registry refused — Kafka is given a while to acknowledge what is in flight, so that
 * the transactions before a refused one are confirmed rather than sent again by the next run.
 * The refused transaction's commit never reached the pipeline: nothing confirms past it. If
 * Kafka itself failed, flush throws the same failure again and nothing more is confirmed.
 */
async function stopCleanly(stream: ReplicationStream, pipeline: Pipeline<AvroRecord>, acknowledger: Acknowledger, forwarding: Promise<void>): Promise<void> {
  let failure: unknown;
  let unacknowledged = 0;
  try {
    await forwarding;
  } catch (error) {
    failure = error;
  }
  pipeline.stop();
  try {
    if (!(await pipeline.flush(FLUSH_TIMEOUT_MS))) unacknowledged = pipeline.unacknowledged;
  } catch (error) {
    failure ??= error;
  } finally {
    acknowledger.confirmAcknowledgedNow();
    await stream.close();
  }
  if (failure !== undefined) throw failure;
  if (unacknowledged > 0) {
    throw new SinkError(`Kafka did not acknowledge ${unacknowledged} records within ${FLUSH_TIMEOUT_MS / 1000} s of Ctrl-C`, {
      retriable: true,
      hint: `they were not confirmed to Postgres, so the next run sends them again; confirmed up to ${stream.confirmedLsn.toString()}`,
    });
  }
}
