import pg from 'pg';
import { ReplicationError } from '@cdc-lab/common';
import { explainPostgresError } from '@cdc-lab/03-logical-streamer/replication';
import { readCatalog, type CatalogFacts } from '@cdc-lab/04-kafka-bridge/capture';
import { connectionOptions } from '@cdc-lab/04-kafka-bridge/envelope';
import { BridgeStream } from '@cdc-lab/04-kafka-bridge/capture';
import type { StopSignal } from './stop-signal.ts';

/** pgoutput's protocol version 1 and the publication: what START_REPLICATION asks the plugin for. */
export function pgoutputOptions(publication: string): Record<string, string> {
  return { proto_version: '1', publication_names: publication };
}

/**
 * The replication connection decodes values with its own session's settings, and lab 4's value
 * parsers read one spelling of each type: the settings go in the URL's `options` parameter.
 */
export function replicationUrl(connectionString: string): string {
  const url = new URL(connectionString);
  const existing = url.searchParams.get('options');
  url.searchParams.set('options', existing ? `${existing} ${connectionOptions()}` : connectionOptions());
  return url.toString();
}

/** An ordinary connection beside the replication one: catalog questions and the publication. */
export async function connectCatalog(connectionString: string): Promise<{ client: pg.Client; database: string }> {
  const client = new pg.Client({ connectionString });
  // A lost connection surfaces on the next query; an 'error' event without a listener would end the process.
  client.on('error', () => {});
  try {
    await client.connect();
    const result = await client.query<{ database: string }>('SELECT current_database() AS database');
    return { client, database: result.rows[0]!.database };
  } catch (error) {
    await client.end().catch(() => {});
    throw explainPostgresError(error, { step: 'connect', slot: '' });
  }
}

export async function catalogFacts(client: pg.Client): Promise<CatalogFacts> {
  try {
    return await readCatalog(client);
  } catch (error) {
    throw explainPostgresError(error, { step: 'query', slot: '' });
  }
}

const OBJECT_IN_USE = '55006';

function slotInUse(error: unknown): boolean {
  return error instanceof ReplicationError && (error.cause as { code?: unknown } | undefined)?.code === OBJECT_IN_USE;
}

export interface OpenOptions {
  connectionString: string;
  slot: string;
  publication: string;
  statusIntervalMs: number;
  /** How long to wait while another process still reads the slot. */
  waitMs: number;
  stop: StopSignal;
  onWaiting(): void;
}

/**
 * Open the slot's stream. A slot has one reader at a time: while another process holds it —
 * typically the instance this one has just fenced, until it notices and exits, or a crashed
 * one whose walsender has not yet seen the connection drop — wait for it, up to `waitMs`.
 */
export async function openStream(options: OpenOptions): Promise<BridgeStream | null> {
  const deadline = Date.now() + options.waitMs;
  let told = false;
  for (;;) {
    try {
      return await BridgeStream.open({
        connectionString: replicationUrl(options.connectionString),
        slot: options.slot,
        plugin: 'pgoutput',
        pluginOptions: pgoutputOptions(options.publication),
        statusIntervalMs: options.statusIntervalMs,
      });
    } catch (error) {
      if (!slotInUse(error) || Date.now() > deadline) throw error;
      if (!told) options.onWaiting();
      told = true;
      await options.stop.sleep(200);
      if (options.stop.requested) return null;
    }
  }
}
