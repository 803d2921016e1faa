import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  defaultStateDir, ensureStack, POSTGRES_VARIABLE, pauseService, readState, restartService, resumeService, stopStack, type ProviderName, type ServiceName, type StackEnv,
} from '@cdc-lab/harness';

/**
 * Services of one test's own, for stages that do to a service what would disturb every other
 * test sharing the run's stack: restart the broker or Postgres, freeze the broker to play a
 * slow or unreachable Kafka. Started by the same provider as the run's stack (containers under
 * Docker, processes otherwise), in a state folder of their own; a few seconds to start, so only
 * the stages that need one ask for it.
 */
export class PrivateStack {
  private constructor(readonly env: StackEnv, private readonly stateDir: string) {}

  /** `postgresMajor` asks for another Postgres than the run's (the local provider fetches it once). */
  static async start(services: readonly ServiceName[], { postgresMajor }: { postgresMajor?: number } = {}): Promise<PrivateStack> {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-lab-private-'));
    // Postgres runs as another OS user when we are root: it must be able to enter the folder.
    fs.chmodSync(stateDir, 0o755);
    const stack = await ensureStack(services, {
      stateDir,
      env: { ...process.env, CDC_LAB_PROVIDER: privateStackProvider(), DATABASE_URL: undefined, ...(postgresMajor ? { [POSTGRES_VARIABLE]: String(postgresMajor) } : {}) },
    });
    return new PrivateStack(stack.env, stateDir);
  }

  /** Stop a service and start it again with the same data and address. */
  restart(service: ServiceName, downtimeMs = 0): Promise<void> {
    return restartService(service, { stateDir: this.stateDir, downtimeMs });
  }

  /**
   * Freeze a service (SIGSTOP for a process, `docker pause` for a container): its sockets stay
   * open but nothing answers, which is how a broker that is overloaded or cut off by the
   * network looks to its clients.
   */
  pause(service: ServiceName): Promise<void> {
    return pauseService(service, { stateDir: this.stateDir });
  }

  resume(service: ServiceName): Promise<void> {
    return resumeService(service, { stateDir: this.stateDir });
  }

  async stop(): Promise<void> {
    // A frozen service cannot stop cleanly: thaw whatever a failed stage left paused.
    for (const service of Object.keys(readState(this.stateDir)?.services ?? {}) as ServiceName[]) {
      await this.resume(service).catch(() => {});
    }
    await stopStack({ stateDir: this.stateDir });
    fs.rmSync(this.stateDir, { recursive: true, force: true });
  }
}

/**
 * The provider a private stack uses: the one the run's stack uses, so a Docker-only machine
 * needs no Java, and a machine without Docker runs processes. A run against external services
 * (DATABASE_URL) cannot have private ones from there: it gets local processes.
 */
export function privateStackProvider(env: Record<string, string | undefined> = process.env, shared = readState(defaultStateDir())): Exclude<ProviderName, 'external'> {
  const asked = env.CDC_LAB_PROVIDER?.trim();
  if (asked === 'docker' || asked === 'local') return asked;
  return shared?.provider === 'docker' ? 'docker' : 'local';
}
