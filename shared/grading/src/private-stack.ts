import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ensureStack, readState, restartService, stopStack, type ServiceName, type StackEnv,
} from '@cdc-lab/harness';

/**
 * Services of one test's own, for stages that do to a service what would disturb every other
 * test sharing the run's stack: restart the broker or Postgres, freeze the broker to play a
 * slow or unreachable Kafka. Real processes, started by the local provider in a folder of
 * their own; a few seconds to start, so only the stages that need one ask for it.
 */
export class PrivateStack {
  private constructor(readonly env: StackEnv, private readonly stateDir: string) {}

  static async start(services: readonly ServiceName[]): Promise<PrivateStack> {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-lab-private-'));
    // Postgres runs as another OS user when we are root: it must be able to enter the folder.
    fs.chmodSync(stateDir, 0o755);
    const stack = await ensureStack(services, {
      stateDir,
      env: { ...process.env, CDC_LAB_PROVIDER: 'local', DATABASE_URL: undefined },
    });
    return new PrivateStack(stack.env, stateDir);
  }

  /** Stop a service and start it again with the same data and address. */
  restart(service: ServiceName, downtimeMs = 0): Promise<void> {
    return restartService(service, { stateDir: this.stateDir, downtimeMs });
  }

  /**
   * Freeze a service's process (SIGSTOP): its sockets stay open but nothing answers, which is
   * how a broker that is overloaded or cut off by the network looks to its clients.
   */
  pause(service: ServiceName): void {
    process.kill(this.pidOf(service), 'SIGSTOP');
  }

  resume(service: ServiceName): void {
    process.kill(this.pidOf(service), 'SIGCONT');
  }

  async stop(): Promise<void> {
    for (const service of ['kafka', 'postgres'] as const) {
      const pid = readState(this.stateDir)?.services[service]?.pid;
      if (pid) {
        try {
          process.kill(pid, 'SIGCONT');
        } catch {
          // Not running: nothing to wake before stopping.
        }
      }
    }
    await stopStack({ stateDir: this.stateDir });
    fs.rmSync(this.stateDir, { recursive: true, force: true });
  }

  private pidOf(service: ServiceName): number {
    const pid = readState(this.stateDir)?.services[service]?.pid;
    if (!pid) throw new Error(`the private stack runs no ${service}`);
    return pid;
  }
}
