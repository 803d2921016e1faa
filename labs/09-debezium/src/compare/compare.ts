import pg from 'pg';
import { CdcLabError, redactUrl } from '@cdc-lab/common';
import { ConnectClient } from '../connect/client.ts';
import { waitForState } from '../connect/wait.ts';
import type { connectorConfig as ConnectorConfigFn } from '../connector/config.ts';
import { kafkaClient, readTopics, topicsStartingWith } from '../events/read-topics.ts';
import type { dropSlotAfterDelete as DropSlotFn } from '../lifecycle/drop-slot.ts';
import { removeConnector } from '../lifecycle/remove.ts';
import { waitForSlot } from '../lifecycle/slots.ts';
import type { CompareSettings } from '../settings.ts';
import { BridgeProcess } from './bridge.ts';
import type { diffEvents as DiffFn, Difference } from './diff.ts';
import { byTableAndKey } from './records.ts';
import { printDifferences } from './report.ts';
import { END_MARKER, WORKLOAD_SCHEMA, WORKLOAD_SETUP, WORKLOAD_TABLES, WORKLOAD_TRANSACTIONS } from './workload.ts';

export interface CompareParts {
  connectorConfig: typeof ConnectorConfigFn;
  dropSlotAfterDelete: typeof DropSlotFn;
  diffEvents: typeof DiffFn;
  /** The program that stands for lab 4 (its reference, run as a black box). */
  bridgeCommand: readonly string[];
}

/**
 * The same workload through Debezium and through lab 4's bridge, each on a slot, publication
 * and topic prefix of its own, then every record of one diffed against the other's.
 *
 *   1. the workload's tables (no rows yet)
 *   2. Debezium: registered with snapshot.mode=no_data, RUNNING, its slot consistent
 *   3. the bridge: `Listening on slot …`
 *   4. the workload, one transaction after another, ending with a marker row
 *   5. wait until both have produced the marker: with records produced in commit order, that
 *      means both have produced everything before it
 *   6. read both prefixes to the end, group by table and key, diff
 *   7. clean up: stop the bridge, delete the connector, drop both slots and publications
 */
export async function compare(settings: CompareSettings, parts: CompareParts): Promise<Difference[]> {
  const { names } = settings;
  const connect = new ConnectClient(settings.connectUrl);
  const kafka = kafkaClient(settings.kafkaBrokers);
  const database = new pg.Client({ connectionString: settings.databaseUrl });
  await database.connect();
  let bridge: BridgeProcess | undefined;
  try {
    await database.query(WORKLOAD_SETUP);
    console.log(`Created the workload's tables in schema ${WORKLOAD_SCHEMA} of ${redactUrl(settings.databaseUrl)}`);

    await deleteTopics(kafka, [`${names.debezium.topicPrefix}.`, `${names.bridge.topicPrefix}.`]);
    const config = parts.connectorConfig({
      name: names.debezium.connector,
      databaseUrl: settings.databaseUrl,
      connectDatabaseHost: settings.connectDatabaseHost,
      slot: names.debezium.slot,
      publication: names.debezium.publication,
      topicPrefix: names.debezium.topicPrefix,
      overrides: {
        // Only what happens from now on: lab 4 has no snapshot (lab 6 does).
        'snapshot.mode': 'no_data',
        'publication.autocreate.mode': 'filtered',
        'table.include.list': WORKLOAD_TABLES.map((table) => table.replace('.', '\\.')).join(','),
        // The bridge has neither: keep them out of this comparison.
        'heartbeat.interval.ms': '0',
        'heartbeat.action.query': null,
        'signal.data.collection': null,
      },
    });
    await connect.putConfig(names.debezium.connector, config);
    await waitForState(connect, names.debezium.connector, 'RUNNING');
    await waitForSlot(database, names.debezium.slot);
    console.log(`Debezium: connector '${names.debezium.connector}' RUNNING on slot '${names.debezium.slot}', topics ${names.debezium.topicPrefix}.<schema>.<table>`);

    bridge = BridgeProcess.start(parts.bridgeCommand, WORKLOAD_TABLES, {
      databaseUrl: settings.databaseUrl,
      kafkaBrokers: settings.kafkaBrokers.join(','),
      slot: names.bridge.slot,
      publication: names.bridge.publication,
      topicPrefix: names.bridge.topicPrefix,
    });
    await bridge.listening();
    console.log(`lab 4's bridge: listening on slot '${names.bridge.slot}', topics ${names.bridge.topicPrefix}.<schema>.<table>`);

    for (const transaction of WORKLOAD_TRANSACTIONS) {
      await database.query('BEGIN');
      await database.query(transaction);
      await database.query('COMMIT');
    }
    console.log(`Ran the workload: ${WORKLOAD_TRANSACTIONS.length} transactions on ${WORKLOAD_TABLES.length} tables`);

    await Promise.all([names.debezium.topicPrefix, names.bridge.topicPrefix].map((prefix) => waitForEndMarker(kafka, prefix, settings.timeoutMs)));
    const admin = kafka.admin();
    await admin.connect();
    const [debeziumTopics, bridgeTopics] = [
      await topicsStartingWith(admin, `${names.debezium.topicPrefix}.`),
      await topicsStartingWith(admin, `${names.bridge.topicPrefix}.`),
    ];
    await admin.disconnect();
    const debeziumRecords = await readTopics(kafka, debeziumTopics);
    const bridgeRecords = await readTopics(kafka, bridgeTopics);
    console.log(`Debezium: ${debeziumRecords.length} records in ${debeziumTopics.length} topics; lab 4: ${bridgeRecords.length} records in ${bridgeTopics.length} topics`);

    const differences = parts.diffEvents(byTableAndKey(debeziumRecords, names.debezium.topicPrefix), byTableAndKey(bridgeRecords, names.bridge.topicPrefix));
    printDifferences(differences, debeziumRecords.length);
    return differences;
  } finally {
    await bridge?.stop();
    await removeConnector(connect, names.debezium.connector).catch(() => false);
    await parts.dropSlotAfterDelete(database, names.debezium.slot).catch(() => {});
    for (const publication of [names.debezium.publication, names.bridge.publication]) {
      await database.query(`DROP PUBLICATION IF EXISTS "${publication.replaceAll('"', '""')}"`).catch(() => {});
    }
    await database.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active', [names.bridge.slot]).catch(() => {});
    await database.end().catch(() => {});
  }
}

/** A comparison compares one run: the records of an earlier one would be counted twice. */
async function deleteTopics(kafka: ReturnType<typeof kafkaClient>, prefixes: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => prefixes.some((prefix) => topic.startsWith(prefix)));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
  } finally {
    await admin.disconnect();
  }
}

/** Both pipelines end with the marker row; until it is in Kafka, the comparison would be early. */
async function waitForEndMarker(kafka: ReturnType<typeof kafkaClient>, prefix: string, timeoutMs: number): Promise<void> {
  const topic = `${prefix}.${WORKLOAD_SCHEMA}.markers`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const admin = kafka.admin();
    await admin.connect();
    const exists = (await admin.listTopics()).includes(topic);
    await admin.disconnect();
    if (exists) {
      const records = await readTopics(kafka, [topic], { quietMs: 1000 });
      if (records.some((record) => record.value?.includes(`"label":"${END_MARKER}"`))) return;
    }
    if (Date.now() > deadline) {
      throw new CdcLabError(`the end of the workload did not reach ${topic} within ${timeoutMs / 1000} s`, {
        hint: '`pnpm lab 9 status` shows whether a connector failed; the Connect worker\'s log says more',
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
