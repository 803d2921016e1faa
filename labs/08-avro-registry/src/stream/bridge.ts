import pg from 'pg';
import { colour, redactUrl, ReplicationError } from '@cdc-lab/common';
import { explainPostgresError } from '@cdc-lab/03-logical-streamer/replication';
import { BridgeStream, captureTransactions, ensurePublication, readCatalog, tablesWithoutReplicaIdentity } from '@cdc-lab/04-kafka-bridge/capture';
import { ChangeEventBuilder, TypeCatalog } from '@cdc-lab/04-kafka-bridge/envelope';
import { replicationUrl, statusIntervalFor } from '@cdc-lab/04-kafka-bridge/replication-settings';
import type { ProgramParts } from '../program.ts';
import { RegistryClient } from '../registry/rest.ts';
import type { StreamCommand } from '../settings.ts';
import { SizeTally } from '../sizes/size-tally.ts';
import { forwardTransactions } from './forward.ts';
import { KafkaSink } from './kafka-sink.ts';
import { RegisteredTables } from './registered-tables.ts';
import { RelationTap } from './relation-tap.ts';

/**
 * The stream command, top to bottom: the publication and the catalog, the registry and Kafka,
 * the slot's stream; then forward until Ctrl-C or an error; then close the stream, whose last
 * status update carries only what Kafka acknowledged.
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
      if (stream.slot.created) print(`Created slot '${stream.slot.name}' (pgoutput) at ${stream.slot.confirmedFlushLsn.toString()}`);
      print(`Producing Avro to Kafka at ${command.brokers.join(',')}: one topic per table, ${command.topicPrefix}.<schema>.<table>`);

      let stopRequested = false;
      const onSignal = () => {
        if (stopRequested) process.exit(130);
        stopRequested = true;
        print('Stopping: reading no more changes');
        stream.stop();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      print(`Listening on slot '${stream.slot.name}'...`);
      try {
        await forwardTransactions(captureTransactions(tap.watch(stream), { builder, onRelation }), {
          stream, sink, tables, topicPrefix: command.topicPrefix, frame: parts.frame, sizes: new SizeTally(command.stateDir), print,
        });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        // Whatever stopped us, the last status update says only what Kafka acknowledged.
        await stream.close();
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
