import fs from 'node:fs';
import path from 'node:path';
import { StackError } from '@cdc-lab/common';
import { run, runChecked } from './run.ts';

/** The identity Postgres processes run as: itself when not root, a dedicated user when root. */
export interface ProcessIdentity {
  uid: number;
  gid: number;
  name: string;
}

/** The account we create when we must and none exists (no system Postgres package installed). */
export const FALLBACK_OS_USER = 'cdclab';

/**
 * Postgres refuses to start as root (a compromised server must not own the machine). When we
 * are root, as in CI, run it as the `postgres` account that Debian's package creates, or create
 * a system account for it. Nothing is asked of the user.
 */
export async function postgresIdentity(): Promise<ProcessIdentity | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', FALLBACK_OS_USER]) {
    const found = await lookupUser(name);
    if (found) return found;
  }
  try {
    await runChecked('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', FALLBACK_OS_USER]);
  } catch (error) {
    throw new StackError('Postgres cannot run as root, and creating an account for it failed', {
      cause: error,
      hint: `create one yourself (useradd --system ${FALLBACK_OS_USER}) or run as a normal user`,
    });
  }
  const created = await lookupUser(FALLBACK_OS_USER);
  if (!created) throw new StackError(`created the account ${FALLBACK_OS_USER} but cannot find it`);
  return created;
}

async function lookupUser(name: string): Promise<ProcessIdentity | undefined> {
  const result = await run('id', ['-u', name]);
  if (result.code !== 0) return undefined;
  const gid = await run('id', ['-g', name]);
  return { name, uid: Number(result.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Make a directory (and its contents) belong to the identity Postgres runs as. */
export function giveTo(dir: string, identity: ProcessIdentity | undefined): void {
  if (!identity) return;
  const visit = (target: string) => {
    fs.chownSync(target, identity.uid, identity.gid);
    if (fs.statSync(target).isDirectory()) {
      for (const entry of fs.readdirSync(target)) visit(path.join(target, entry));
    }
  };
  visit(dir);
}

/**
 * Whether another account can reach `dir`: every folder above it must be searchable by
 * "others". A checkout under /root is not, and Postgres would fail with a confusing
 * permission error; we check first and choose another place instead.
 */
export function reachableByOthers(dir: string): boolean {
  let current = path.resolve(dir);
  for (;;) {
    try {
      if ((fs.statSync(current).mode & 0o001) === 0) return false;
    } catch {
      // A folder that does not exist yet will be created by us with a searchable mode.
    }
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}
