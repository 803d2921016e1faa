import fs from 'node:fs';
import path from 'node:path';
import { StackError } from '@cdc-lab/common';
import {
  ensureStack, readState, repoRoot, restartService, stopStack,
  type PostgresEndpoint, type ServiceName, type StackEnv,
} from '@cdc-lab/harness';

/**
 * The benchmark's own Postgres, Kafka and (for Debezium) Kafka Connect, run by the local
 * provider in a folder of their own. Its own, because measuring on the stack the labs and
 * graders share would measure their work too, and because a Debezium run restarts the Connect
 * worker (a fresh JVM each time, so its CPU and memory figures start from nothing).
 */
export class BenchStack {
  private constructor(readonly env: Required<Pick<StackEnv, 'DATABASE_URL' | 'KAFKA_BROKERS'>> & StackEnv, readonly stateDir: string) {}

  static defaultStateDir(): string {
    return path.join(repoRoot(), '.cdc-lab', 'bench-stack');
  }

  static async start(services: readonly ServiceName[], stateDir: string, report: (line: string) => void): Promise<BenchStack> {
    fs.mkdirSync(stateDir, { recursive: true });
    // Postgres runs as another OS user when we are root: it must be able to enter the folder.
    fs.chmodSync(stateDir, 0o755);
    const stack = await ensureStack(services, {
      stateDir,
      report,
      env: { ...process.env, CDC_LAB_PROVIDER: 'local', DATABASE_URL: undefined },
    });
    const { DATABASE_URL, KAFKA_BROKERS } = stack.env;
    if (!DATABASE_URL || !KAFKA_BROKERS) throw new StackError('the bench stack started without Postgres or Kafka');
    return new BenchStack({ ...stack.env, DATABASE_URL, KAFKA_BROKERS }, stateDir);
  }

  /** Where pg_recvlogical lives: the same major version as the server. */
  get postgresBinDir(): string | undefined {
    return (readState(this.stateDir)?.services.postgres?.endpoint as PostgresEndpoint | undefined)?.binDir;
  }

  get postgresMajorVersion(): number | undefined {
    return (readState(this.stateDir)?.services.postgres?.endpoint as PostgresEndpoint | undefined)?.majorVersion;
  }

  pidOf(service: ServiceName): number {
    const pid = readState(this.stateDir)?.services[service]?.pid;
    if (!pid) throw new StackError(`the bench stack runs no ${service}`);
    return pid;
  }

  /** A fresh Connect worker (same port, same Kafka topics): returns its process id. */
  async restartConnect(): Promise<number> {
    await restartService('connect', { stateDir: this.stateDir });
    return this.pidOf('connect');
  }

  stop(): Promise<unknown> {
    return stopStack({ stateDir: this.stateDir });
  }
}
