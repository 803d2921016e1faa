import type { ConnectorConfig } from '../connect/client.ts';
import { HEARTBEAT_TABLE, SIGNAL_TABLE } from './helper-tables.ts';

/** What names one pipeline in Postgres and Kafka: its slot (lab 3), publication (lab 4) and topic prefix. */
export interface PipelineSettings {
  slot: string;
  publication: string;
  topicPrefix: string;
}

/**
 * The Debezium PostgreSQL connector's settings: everything the connector is told except where
 * the database is and who logs in (config.ts adds those). Each setting is a decision an earlier
 * lab made by hand: the output plugin and publication (lab 4), the slot (lab 3), the initial
 * snapshot and snapshots on request (lab 6), a heartbeat so that a quiet slot still advances
 * (lab 3), Kafka transactions with their offsets (lab 5), the bytes on the wire (lab 8).
 * Kafka Connect stores every value as a string.
 */
export function debeziumSettings({ slot, publication, topicPrefix }: PipelineSettings): ConnectorConfig {
  const [heartbeatSchema, heartbeatTable] = HEARTBEAT_TABLE.split('.');
  return {
    'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
    'tasks.max': '1',
    'plugin.name': 'pgoutput',
    'slot.name': slot,
    'publication.name': publication,
    // Debezium creates the publication for every table if it is missing: the captured tables and the signal table.
    'publication.autocreate.mode': 'all_tables',
    'topic.prefix': topicPrefix,
    'snapshot.mode': 'initial',
    // Lab 4's envelope: decimals as strings, truncates sent.
    'decimal.handling.mode': 'string',
    'skipped.operations': 'none',
    // The connector's own converters, not whatever the worker defaults to: JSON without the schema envelope.
    'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'key.converter.schemas.enable': 'false',
    'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'value.converter.schemas.enable': 'false',
    'heartbeat.interval.ms': '10000',
    'heartbeat.action.query': `INSERT INTO "${heartbeatSchema}"."${heartbeatTable}" ("id", "beat_at") VALUES (1, now()) ON CONFLICT ("id") DO UPDATE SET "beat_at" = excluded."beat_at"`,
    'signal.enabled.channels': 'source',
    'signal.data.collection': SIGNAL_TABLE,
    'incremental.snapshot.chunk.size': '1024',
    'exactly.once.support': 'required',
    'transaction.boundary': 'poll',
  };
}
