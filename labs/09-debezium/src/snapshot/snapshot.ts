import pg from 'pg';
import type { PipelineNames, Settings } from '../settings.ts';
import type { requestIncrementalSnapshot as RequestFn } from './signal.ts';

/** `pnpm lab 9 snapshot public.users`: the signal row, then the connector does the rest. */
export async function snapshot(settings: Settings, names: PipelineNames, tables: readonly string[], parts: { requestIncrementalSnapshot: typeof RequestFn }): Promise<void> {
  const client = new pg.Client({ connectionString: settings.databaseUrl });
  await client.connect();
  try {
    const id = await parts.requestIncrementalSnapshot(client, tables);
    console.log(`Requested an incremental snapshot of ${tables.join(', ')} from '${names.connector}' (signal ${id})`);
    console.log(`Its rows arrive as op=r with source.snapshot "incremental" in ${names.topicPrefix}.<schema>.<table>, between the stream's changes`);
  } finally {
    await client.end();
  }
}
