import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabProcess } from '@cdc-lab/grading';
import { findLab, loadManifest, programTarget } from '@cdc-lab/workbook';
import { ThrowawayCluster } from './throwaway-cluster.ts';

/**
 * Two setup errors the shared server cannot show without disturbing every other test: a
 * server with wal_level below logical, and one whose replication slots are all taken. A
 * throwaway cluster (about a second to create) shows them to the reference for real; the
 * unit tests in errors.test.ts cover the same mapping without a server.
 */
const binDir = ThrowawayCluster.serverPrograms();
const lab = findLab(loadManifest(), '3');

async function runReference(url: string, slot: string): Promise<{ code: number | null; output: string }> {
  const program = LabProcess.start(programTarget(lab, 'reference'), { env: { DATABASE_URL: url, CDC_SLOT: slot } });
  const exit = await program.waitForExit({ timeoutMs: 20_000 });
  // 'exit' can come before the pipes are drained.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { code: exit.code, output: [...program.lines, ...program.errorLines].join('\n') };
}

describe.skipIf(binDir === undefined)('setup errors, on a throwaway cluster', () => {
  let cluster: ThrowawayCluster;

  beforeAll(async () => {
    cluster = await ThrowawayCluster.create(binDir!);
  }, 60_000);

  afterAll(async () => {
    await cluster?.remove();
  });

  it('wal_level = replica: says logical decoding is off and gives the exact fix', async () => {
    await cluster.start({ wal_level: 'replica' });
    const { code, output } = await runReference(cluster.url, 'cdc_lab_03');
    expect(code).toBe(1);
    expect(output).toContain('logical decoding is off');
    expect(output).toContain('ALTER SYSTEM SET wal_level = logical');
    expect(output).toMatch(/restart Postgres/);
  }, 60_000);

  it('every slot taken: names max_replication_slots and how to free one', async () => {
    await cluster.start({ wal_level: 'logical', max_replication_slots: '1' });
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      await client.query("SELECT pg_create_logical_replication_slot('someone_elses', 'test_decoding')");
    } finally {
      await client.end();
    }
    const { code, output } = await runReference(cluster.url, 'cdc_lab_03');
    expect(code).toBe(1);
    expect(output).toContain('all replication slots are in use');
    expect(output).toMatch(/max_replication_slots/);
    expect(output).toMatch(/pg_drop_replication_slot/);
  }, 60_000);
});
