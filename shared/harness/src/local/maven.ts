import fs from 'node:fs';
import path from 'node:path';
import { StackError } from '@cdc-lab/common';
import { canRun, run } from './run.ts';

/**
 * Resolve a pom's dependencies from Maven Central into the Maven cache and return the
 * classpath. The result is remembered in `classpathFile`; when every jar it names is still in
 * the cache, Maven is not started at all (it costs seconds even with nothing to download).
 */
export async function resolveClasspath(pom: string, classpathFile: string, properties: Record<string, string> = {}): Promise<string[]> {
  const cached = readClasspath(classpathFile);
  if (cached) return cached;
  if (!(await canRun('mvn', ['-v']))) {
    throw new StackError('Maven (mvn) is needed to fetch the Kafka jars and was not found', {
      hint: 'install it (Debian: apt-get install maven) — or run `pnpm doctor` to check everything at once',
    });
  }
  fs.mkdirSync(path.dirname(classpathFile), { recursive: true });
  const defines = Object.entries(properties).map(([name, value]) => `-D${name}=${value}`);
  const result = await run('mvn', ['-q', '-B', '-f', pom, 'dependency:build-classpath', `-Dmdep.outputFile=${classpathFile}`, ...defines]);
  const classpath = readClasspath(classpathFile);
  if (result.code !== 0 || !classpath) {
    fs.rmSync(classpathFile, { force: true });
    throw new StackError(`Maven could not resolve ${pom}`, {
      hint: `check that Maven Central is reachable; Maven said:\n${(result.stdout + result.stderr).trim().split('\n').slice(-10).join('\n')}`,
      retriable: true,
    });
  }
  return classpath;
}

function readClasspath(file: string): string[] | undefined {
  try {
    const jars = fs.readFileSync(file, 'utf8').trim().split(path.delimiter).filter(Boolean);
    return jars.length > 0 && jars.every((jar) => fs.existsSync(jar)) ? jars : undefined;
  } catch {
    return undefined;
  }
}
