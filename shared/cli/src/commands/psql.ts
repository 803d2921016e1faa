import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { colour } from '@cdc-lab/common';
import { ensureStack } from '@cdc-lab/harness';
import { sqlPrompt } from '../sql-prompt.ts';

export const PSQL_USAGE = `usage: pnpm psql [psql arguments…]

Opens psql on the stack's database (starting Postgres if it is not running). Without a psql
client on this machine, a small SQL prompt of cdc-lab's own stands in: statements end with ;,
\\dt lists tables, \\q quits. -c "<sql>" runs one statement and exits, with either.`;

export async function psqlCommand(argv: string[]): Promise<void> {
  if (argv[0] === '--help' || argv[0] === '-h') {
    console.log(PSQL_USAGE);
    return;
  }
  const stack = await ensureStack(['postgres'], { report: (line) => console.error(colour.dim(`[stack] ${line}`)) });
  const databaseUrl = stack.env.DATABASE_URL!;
  const client = findPsql(stack.services.postgres?.endpoint.binDir);
  if (client) {
    const child = spawn(client, [databaseUrl, ...argv], { stdio: 'inherit' });
    // psql handles Ctrl-C itself (it cancels the running query); this process just waits.
    process.on('SIGINT', () => {});
    process.exitCode = await new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
    return;
  }
  const command = argv[0] === '-c' ? argv[1] : undefined;
  process.exitCode = await sqlPrompt(databaseUrl, command !== undefined ? { command } : {});
}

/** psql beside the server's own programs, else on PATH. */
export function findPsql(binDir: string | undefined, pathVariable = process.env.PATH ?? ''): string | undefined {
  const candidates = [...(binDir ? [binDir] : []), ...pathVariable.split(path.delimiter).filter(Boolean)].map((dir) => path.join(dir, 'psql'));
  return candidates.find((file) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
