import { spawn, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultStateDir, findFreePort, readState } from '@cdc-lab/harness';

/**
 * A small Postgres cluster of its own, for the setup errors the shared server must never show
 * (it runs with wal_level = logical and plenty of slots, and other tests use it meanwhile).
 * It needs the server programs on this machine: the local stack's, or PG_BIN.
 */
export class ThrowawayCluster {
  private constructor(private readonly binDir: string, private readonly dir: string, private readonly port: number, private readonly owner: { uid: number; gid: number } | undefined) {}

  /** Where initdb and pg_ctl are, or undefined when this machine has none. */
  static serverPrograms(): string | undefined {
    const candidates = [process.env.PG_BIN, readState(defaultStateDir())?.services.postgres?.endpoint.binDir];
    return candidates.find((dir): dir is string => dir !== undefined && fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl')));
  }

  static async create(binDir: string): Promise<ThrowawayCluster> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-lab03-cluster-'));
    fs.chmodSync(dir, 0o755);
    // Postgres refuses to run as root: as root, run it as the account the stack's server uses.
    const details = readState(defaultStateDir())?.services.postgres?.details as { uid?: number; gid?: number } | undefined;
    const owner = process.getuid?.() === 0 && details?.uid !== undefined && details.gid !== undefined ? { uid: details.uid, gid: details.gid } : undefined;
    if (owner) fs.chownSync(dir, owner.uid, owner.gid);
    const cluster = new ThrowawayCluster(binDir, dir, await findFreePort(), owner);
    await cluster.run('initdb', ['-D', cluster.dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '--no-instructions', '-E', 'UTF8']);
    return cluster;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** (Re)start with these settings on top of the defaults. */
  async start(settings: Record<string, string>): Promise<void> {
    await this.stop();
    const lines = Object.entries({
      port: String(this.port),
      listen_addresses: "'127.0.0.1'",
      unix_socket_directories: "''",
      fsync: 'off',
      ...settings,
    }).map(([name, value]) => `${name} = ${value}`);
    fs.writeFileSync(path.join(this.dataDir, 'postgresql.auto.conf'), `${lines.join('\n')}\n`);
    await this.run('pg_ctl', ['-D', this.dataDir, '-l', path.join(this.dir, 'server.log'), '-w', '-t', '30', 'start']);
  }

  async stop(): Promise<void> {
    if (!fs.existsSync(path.join(this.dataDir, 'postmaster.pid'))) return;
    await this.run('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
  }

  async remove(): Promise<void> {
    await this.stop().catch(() => {});
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  private run(program: string, args: string[]): Promise<void> {
    const options: SpawnOptions = { stdio: ['ignore', 'ignore', 'pipe'], ...(this.owner ?? {}) };
    return new Promise((resolve, reject) => {
      const child = spawn(path.join(this.binDir, program), args, options);
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.once('error', reject);
      child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`${program} failed (${code}): ${stderr.trim()}`))));
    });
  }
}
