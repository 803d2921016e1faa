import { Lsn, PostgresSetupError, todo } from '@cdc-lab/common';
import type { ReplicationConnection } from './connection.ts';
import { snapshotOption } from '../../src/replication/snapshot-option.ts';
import { quoteIdentifier, quoteLiteral } from '../../src/replication/sql-text.ts';

/**
 * A replication slot is the consumer's bookmark, kept by Postgres: the plugin that decodes for
 * it, and how far its reader has confirmed. While the slot exists, Postgres keeps every WAL
 * segment its reader may still need — whether or not anyone is reading.
 */
export interface Slot {
  name: string;
  plugin: string;
  /** Where the stream resumes: everything committed before it has been confirmed. */
  confirmedFlushLsn: Lsn;
  /** True when this run created the slot. */
  created: boolean;
}

interface SlotRow {
  slot_type: string;
  plugin: string | null;
  database: string | null;
  current_database: string;
  confirmed_flush_lsn: string | null;
}

interface CreatedSlotRow {
  slot_name: string;
  consistent_point: string;
  output_plugin: string;
}

const DUPLICATE_OBJECT = '42710';

/** Find the slot, or create it with the plugin. A slot made for another plugin is refused. */
export async function ensureSlot(connection: ReplicationConnection, name: string, plugin: string): Promise<Slot> {
  // TODO: reuse the slot if it exists (findSlot, then checkSlot refuses a wrong one), else
  //   create it. Why must an existing slot never be dropped and made again? And when another
  //   process creates the same slot between your look and your CREATE, Postgres answers
  //   SQLSTATE 42710 (DUPLICATE_OBJECT, on the error's cause): what should happen then?
  return todo('finding or creating the slot', 'docs/03-logical-streamer.md#slots');
}

async function findSlot(connection: ReplicationConnection, name: string): Promise<SlotRow | undefined> {
  const rows = await connection.query<SlotRow>(
    `SELECT slot_type, plugin, database, current_database() AS current_database, confirmed_flush_lsn::text AS confirmed_flush_lsn
       FROM pg_replication_slots WHERE slot_name = ${quoteLiteral(name)}`,
    'query',
  );
  return rows[0];
}

/**
 * CREATE_REPLICATION_SLOT is the replication-protocol twin of pg_create_logical_replication_slot().
 * Postgres waits for the transactions running at that moment to finish, so that the slot
 * starts at a point where it knows every transaction's fate: on a busy server this can take
 * a while. SNAPSHOT 'nothing': we stream changes only, we do not read a snapshot of the data
 * (lab 6 does). snapshotOption spells it the way the server takes it (Postgres 14 wants a keyword).
 */
async function createSlot(connection: ReplicationConnection, name: string, plugin: string): Promise<Slot> {
  // TODO: create a logical slot for the plugin with the replication command (not SQL), through
  //   connection.query with the step 'create-slot'. Names go through quoteIdentifier. Which
  //   snapshot option says "changes only, no snapshot" (snapshotOption, from
  //   ../../src/replication/snapshot-option.ts, spells it for your server)? Which column of
  //   the answer is the slot's first confirmed position?
  return todo('creating the slot', 'docs/03-logical-streamer.md#slots');
}

function checkSlot(row: SlotRow, name: string, plugin: string): Slot {
  if (row.slot_type !== 'logical') {
    throw new PostgresSetupError(`slot '${name}' is a ${row.slot_type} slot, not a logical one`, {
      hint: 'it belongs to a physical standby or backup; choose another name with CDC_SLOT',
    });
  }
  if (row.database !== row.current_database) {
    throw new PostgresSetupError(`slot '${name}' decodes database ${row.database ?? '?'}, but DATABASE_URL points at ${row.current_database}`, {
      hint: 'a logical slot belongs to one database: connect to that one, or use another name with CDC_SLOT',
    });
  }
  if (row.plugin !== plugin) {
    throw new PostgresSetupError(`slot '${name}' was created for the plugin ${row.plugin ?? '?'}, and this program reads ${plugin}`, {
      hint: `a slot's plugin is fixed when it is created: drop it if nothing reads it (SELECT pg_drop_replication_slot('${name}')), or choose another name with CDC_SLOT`,
    });
  }
  return {
    name,
    plugin,
    confirmedFlushLsn: row.confirmed_flush_lsn ? Lsn.parse(row.confirmed_flush_lsn) : Lsn.ZERO,
    created: false,
  };
}
