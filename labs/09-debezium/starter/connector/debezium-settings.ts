import { todo } from '@cdc-lab/common';
import type { ConnectorConfig } from '../../src/connect/client.ts';
import { HEARTBEAT_TABLE, SIGNAL_TABLE } from '../../src/connector/helper-tables.ts';

/** What names one pipeline in Postgres and Kafka: its slot (lab 3), publication (lab 4) and topic prefix. */
export interface PipelineSettings {
  slot: string;
  publication: string;
  topicPrefix: string;
}

/**
 * The Debezium PostgreSQL connector's settings: everything the connector is told except where
 * the database is and who logs in (config.ts adds those). Kafka Connect stores every value as
 * a string.
 */
export function debeziumSettings({ slot, publication, topicPrefix }: PipelineSettings): ConnectorConfig {
  // TODO: describe the pipeline you built by hand in labs 3 to 8, one setting at a time
  //   (docs/09-debezium.md#the-connector-settings has the table of properties).
  //   - Which connector class, and which output plugin does Postgres decode the WAL with?
  //   - Which slot and which publication does it read, and who creates the publication if it
  //     is missing — for which tables, given that the signal table must be in it too?
  //   - Where do its topics go? Should rows that already exist arrive before the stream?
  //   - Lab 4's envelope sends decimals as strings and does not skip truncates: which two
  //     settings say so?
  //   - The bytes: which converters, with or without the schema envelope? Why not leave them
  //     to the worker's defaults?
  //   - A quiet slot holds WAL (lab 3): what writes a change every few seconds, and where
  //     (HEARTBEAT_TABLE)?
  //   - Snapshots on request: through which channel, and which table (SIGNAL_TABLE)?
  //   - Lab 5: what makes Connect refuse to run the connector without Kafka transactions, and
  //     where does one transaction end?
  void [slot, publication, topicPrefix, HEARTBEAT_TABLE, SIGNAL_TABLE];
  return todo('describing the Debezium connector in its settings', 'docs/09-debezium.md#the-connector-settings');
}
