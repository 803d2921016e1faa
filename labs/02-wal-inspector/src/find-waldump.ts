import fs from 'node:fs';
import path from 'node:path';
import { WaldumpUnavailableError } from './errors.ts';

/**
 * pg_waldump ships with the server, not with the client packages, and it only reads WAL
 * written by its own major version: the record formats change between majors. So the place
 * to look is the server's own bin directory, and what we find must have the server's version.
 */
export interface WaldumpSearch {
  /** --waldump or PG_WALDUMP: the user said which program to use; it is never second-guessed. */
  explicit?: { path: string; source: string };
  /** PG_BIN: a directory of PostgreSQL programs. */
  pgBin?: string;
  /** The server's major version (15 for 15.4). */
  serverMajor: number;
  /** PATH, searched last. */
  pathVariable?: string;
  /** `pg_config --bindir`, or undefined when pg_config is not installed. */
  pgConfigBindir?: () => string | undefined;
}

export interface WaldumpProgram {
  path: string;
  /** How it was found, for the report: "PG_WALDUMP", "/usr/lib/postgresql/15/bin", "PATH"… */
  foundBy: string;
  /** What runs it, when it is not run here directly: `docker exec <container>`. */
  via?: string[];
}

const PROGRAM = 'pg_waldump';

export function findWaldump(search: WaldumpSearch): WaldumpProgram {
  if (search.explicit) {
    const { path: file, source } = search.explicit;
    if (!isExecutable(file)) {
      throw new WaldumpUnavailableError(`${source}=${file}: pg_waldump not found there (${describeMissing(file)})`, {
        hint: `point ${source} at the pg_waldump of PostgreSQL ${search.serverMajor} (Debian/Ubuntu: /usr/lib/postgresql/${search.serverMajor}/bin/pg_waldump), or use --backend walinspect`,
      });
    }
    return { path: file, foundBy: source };
  }

  // The server's major version first: several versions can be installed side by side, and a
  // pg_config or PATH entry may belong to another one.
  const candidates: { dir: string | undefined; foundBy: string }[] = [
    { dir: search.pgBin, foundBy: 'PG_BIN' },
    { dir: `/usr/lib/postgresql/${search.serverMajor}/bin`, foundBy: `/usr/lib/postgresql/${search.serverMajor}/bin` },
    { dir: search.pgConfigBindir?.(), foundBy: 'pg_config --bindir' },
    ...(search.pathVariable ?? '').split(path.delimiter).filter(Boolean).map((dir) => ({ dir, foundBy: 'PATH' })),
  ];
  for (const { dir, foundBy } of candidates) {
    if (dir === undefined) continue;
    const file = path.join(dir, PROGRAM);
    if (isExecutable(file)) return { path: file, foundBy };
  }
  throw new WaldumpUnavailableError('pg_waldump was not found (looked in PG_BIN, '
    + `/usr/lib/postgresql/${search.serverMajor}/bin, pg_config --bindir and PATH)`, {
    hint: `pg_waldump comes with the PostgreSQL ${search.serverMajor} server package (Debian/Ubuntu: postgresql-${search.serverMajor}); `
      + 'install it, or set PG_WALDUMP=/path/to/pg_waldump, or use --backend walinspect',
  });
}

/**
 * `pg_waldump --version` prints `pg_waldump (PostgreSQL) 15.4` (plus a distribution suffix).
 * Returns the major version when it is the server's; anything else is refused before any WAL
 * is read, because an older or newer pg_waldump misreads or rejects the records.
 */
export function checkWaldumpVersion(program: WaldumpProgram, versionOutput: string, serverMajor: number): number {
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.\d+)?/.exec(versionOutput);
  if (!match) {
    throw new WaldumpUnavailableError(`${program.path} does not look like pg_waldump: --version printed ${JSON.stringify(versionOutput.trim().slice(0, 120))}`, {
      hint: 'set PG_WALDUMP to the pg_waldump program of the server\'s version, or use --backend walinspect',
    });
  }
  const major = Number(match[1]);
  if (major !== serverMajor) {
    throw new WaldumpUnavailableError(`${program.path} is pg_waldump from PostgreSQL ${major}, but the server runs PostgreSQL ${serverMajor}: `
      + 'the WAL format changes between major versions', {
      hint: `use the pg_waldump of PostgreSQL ${serverMajor} (PG_WALDUMP=/usr/lib/postgresql/${serverMajor}/bin/pg_waldump on Debian/Ubuntu), or --backend walinspect`,
    });
  }
  return major;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function describeMissing(file: string): string {
  if (!fs.existsSync(file)) return 'no such file';
  return fs.statSync(file).isFile() ? 'not executable' : 'not a file';
}
