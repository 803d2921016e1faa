import type pg from 'pg';
import { colour } from '@cdc-lab/common';
import type { InspectOptions } from './cli.ts';
import { WaldumpUnavailableError } from './errors.ts';
import type { LessonSteps } from './lesson.ts';
import type { ServerFacts } from './server.ts';
import type { RecordSource } from './wal-record.ts';
import { waldumpSource } from './waldump-backend.ts';
import { containerWaldump, pgConfigBindir, readWaldumpVersion } from './waldump-runner.ts';
import { openWalinspect } from './walinspect-backend.ts';

/**
 * Choose how to read the WAL, before anything runs: a setting that cannot work should stop the
 * program before it commits a statement whose records it then cannot show.
 *
 *   waldump     pg_waldump here, reading the server's pg_wal; every problem is an error
 *   walinspect  the pg_walinspect extension, on the server's side
 *   auto        waldump when it can work here; otherwise say why and use walinspect
 */
export async function openRecordSource(options: InspectOptions, client: pg.Client, server: ServerFacts, steps: LessonSteps, say: (line: string) => void): Promise<RecordSource> {
  if (options.backend === 'walinspect') return openWalinspect(client, server);
  if (options.backend === 'waldump') return openWaldump(options, client, server, steps);
  try {
    return await openWaldump(options, client, server, steps);
  } catch (error) {
    // Only what pg_walinspect can work around; anything else (a bug, a TODO) stays an error.
    if (!(error instanceof WaldumpUnavailableError)) throw error;
    say(colour.yellow(`note: pg_waldump cannot read the WAL from here: ${error.message}`));
    say(colour.yellow('note: falling back to the pg_walinspect extension, which reads the same records on the server (--backend walinspect)'));
    return openWalinspect(client, server);
  }
}

async function openWaldump(options: InspectOptions, client: pg.Client, server: ServerFacts, steps: LessonSteps): Promise<RecordSource> {
  // A pg_waldump or pg_wal named by hand is the user's choice, even when Docker runs the server.
  if (options.container && !options.waldump && !options.walDir) return openContainerWaldump(options.container, client, server, steps);
  const program = steps.findWaldump({
    ...(options.waldump ? { explicit: options.waldump } : {}),
    ...(options.pgBin ? { pgBin: options.pgBin } : {}),
    serverMajor: server.major,
    ...(options.pathVariable ? { pathVariable: options.pathVariable } : {}),
    pgConfigBindir,
  });
  const versionOutput = readWaldumpVersion(program);
  steps.checkWaldumpVersion(program, versionOutput, server.major);
  const walDirectory = await steps.findWalDirectory(client, options.walDir);
  const version = /\(PostgreSQL\)\s+(\S+)/.exec(versionOutput)?.[1] ?? 'unknown version';
  return waldumpSource({ ...program, version }, walDirectory, server.timeline, steps);
}

/**
 * The server runs in a container: its pg_wal is not on this machine, but the container has the
 * server's own pg_waldump. Run it there; the data directory the server names is the
 * container's own path, which is where pg_waldump then looks.
 */
async function openContainerWaldump(container: { path: string; source: string }, client: pg.Client, server: ServerFacts, steps: LessonSteps): Promise<RecordSource> {
  const program = containerWaldump(container);
  const versionOutput = readWaldumpVersion(program);
  steps.checkWaldumpVersion(program, versionOutput, server.major);
  const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory');
  const walDirectory = { path: `${rows[0]!.data_directory}/pg_wal`, foundBy: 'SHOW data_directory, inside the container' };
  const version = /\(PostgreSQL\)\s+(\S+)/.exec(versionOutput)?.[1] ?? 'unknown version';
  return waldumpSource({ ...program, version }, walDirectory, server.timeline, steps);
}
