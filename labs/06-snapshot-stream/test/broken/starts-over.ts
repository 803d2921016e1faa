/**
 * Broken on purpose: after a crash during the initial snapshot it throws the bookmark away,
 * drops the slot and starts the whole snapshot again — Debezium's 'initial' mode does this.
 * Every row already in Kafka is read and sent a second time — and worse, rows deleted between
 * the first run's consistent point and the restart stay in the topic for ever: the new slot
 * starts after their deletes, and the new snapshot no longer sees them, so nothing removes them.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { runMain } from '@cdc-lab/common';
import { runProgram } from '../../src/program.ts';

async function forgetInterruptedSnapshot(): Promise<void> {
  const file = path.join(process.env.CDC_STATE_DIR ?? '.cdc-lab/labs/06', 'snapshot.json');
  if (!fs.existsSync(file) || !fs.readFileSync(file, 'utf8').includes('"phase": "snapshot"')) return;
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query('SELECT pg_drop_replication_slot($1)', [process.env.CDC_SLOT ?? 'cdc_lab_06']);
  await client.end();
  fs.rmSync(file);
}

await runMain(async () => {
  await forgetInterruptedSnapshot();
  await runProgram(process.argv.slice(2));
});
process.exit();
