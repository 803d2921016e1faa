import { ConfigurationError, StackError } from '@cdc-lab/common';
import { type DockerEndpoint, discoverDockerEndpoint, testcontainersEnv, unixSocketPath } from './docker/endpoint.ts';
import { ExternalProvider } from './external.ts';
import { LocalProvider } from './local/provider.ts';
import { POSTGRES_VARIABLE, requestedPostgresMajor } from './postgres-major.ts';
import { recordedStackCannotProvide } from './recorded-stack.ts';
import { selectProvider, type Selection } from './select.ts';
import { defaultStateDir, readState, removeState, withStackLock, writeState } from './state.ts';
import type {
  ProviderContext, ProviderName, Reporter, ServiceName, ServiceRecord, StackEnv, StackProvider, StackServices, StackState,
} from './types.ts';

export interface StackOptions {
  stateDir?: string;
  report?: Reporter;
  env?: Record<string, string | undefined>;
}

export interface RunningStack {
  provider: ProviderName;
  /** Why that provider was used (printed on start). */
  reason: string;
  services: StackServices;
  /** Services this call had to start (empty when everything was already running). */
  started: ServiceName[];
  env: StackEnv;
}

export async function providerFor(name: ProviderName, env: Record<string, string | undefined> = process.env): Promise<StackProvider> {
  switch (name) {
    case 'external':
      return new ExternalProvider(env);
    case 'local':
      return new LocalProvider();
    case 'docker': {
      // Loaded only when chosen: testcontainers is large and most runs never need it.
      const { DockerProvider } = await import('./docker/provider.ts');
      return new DockerProvider();
    }
  }
}

/** Whether the engine at `endpoint` (the one testcontainers will be given) answers `docker version`. */
export async function dockerAnswers(endpoint?: DockerEndpoint): Promise<boolean> {
  const { dockerAnswers: answers } = await import('./docker/engine.ts');
  if (endpoint === undefined) return answers({});
  const socket = unixSocketPath(endpoint.host);
  return answers({ env: testcontainersEnv(endpoint), ...(socket === undefined ? {} : { socket }) });
}

/**
 * Make sure the named services run and return how to reach them. A stack recorded in the
 * state folder is reused (that is how `pnpm stack up` then `pnpm lab 3` share one Postgres);
 * what is missing is started; nothing already running is restarted.
 */
export async function ensureStack(services: readonly ServiceName[], options: StackOptions = {}): Promise<RunningStack> {
  const { stateDir = defaultStateDir(), report = () => {}, env = process.env } = options;
  const recorded = readState(stateDir);
  const explicit = Boolean(env.CDC_LAB_PROVIDER || env.DATABASE_URL);
  const selection: Selection = recorded && !explicit
    ? { provider: recorded.provider, reason: `a ${recorded.provider} stack is already running (pnpm stack status)` }
    : await selectProvider({ env, dockerAnswers, dockerEndpoint: () => discoverDockerEndpoint(env) });
  const provider = await providerFor(selection.provider, env);
  const ctx: ProviderContext = { stateDir, report, env };
  if (recorded?.provider === provider.name) refuseOtherPostgresMajor(recorded, env);
  if (recorded && !explicit) {
    const why = await provider.cannotProvide?.(services, recorded.services);
    if (why !== undefined) {
      const fresh = await selectProvider({ env, dockerAnswers, dockerEndpoint: () => discoverDockerEndpoint(env) }).catch(() => undefined);
      throw recordedStackCannotProvide({ recorded: recorded.provider, stateDir, services, why, ...(fresh === undefined ? {} : { fresh }) });
    }
  }

  if (provider.name === 'external') {
    const running = await provider.start(services, {}, ctx);
    return { provider: 'external', reason: selection.reason, services: running, started: [], env: stackEnv(running) };
  }

  return withStackLock(stateDir, async () => {
    const current = readState(stateDir);
    const base: StackServices = current?.provider === provider.name ? current.services : {};
    const alreadyRunning = new Set<ServiceName>();
    for (const [name, record] of Object.entries(base) as [ServiceName, ServiceRecord][]) {
      if (await provider.isRunning(name, record, ctx)) alreadyRunning.add(name);
    }
    const state: StackState = { provider: provider.name, startedAt: current?.startedAt ?? new Date().toISOString(), services: base };
    const persist = (next: StackServices) => writeState(stateDir, { ...state, services: next });
    const running = await provider.start(services, base, { ...ctx, onServiceStarted: persist });
    persist(running);
    return {
      provider: provider.name,
      reason: selection.reason,
      services: running,
      // What this call brought up, dependencies included (the registry starts Postgres first).
      started: (Object.keys(running) as ServiceName[]).filter((name) => !alreadyRunning.has(name)),
      env: stackEnv(running),
    };
  });
}

/**
 * A running stack keeps its Postgres: asking for another major (CDC_LAB_POSTGRES) must not
 * silently grade on the one that runs, nor restart it under the learner's feet.
 */
export function refuseOtherPostgresMajor(recorded: StackState, env: Record<string, string | undefined>): void {
  const wanted = requestedPostgresMajor(env);
  const running = recorded.services.postgres?.endpoint.majorVersion;
  if (wanted === undefined || running === undefined || running === wanted) return;
  throw new ConfigurationError(`the running stack has PostgreSQL ${running}, but ${POSTGRES_VARIABLE}=${wanted}`, {
    hint: `stop it first (pnpm stack down), or unset ${POSTGRES_VARIABLE} to keep using PostgreSQL ${running}`,
  });
}

/** Stop every service of the recorded stack and remove its data. Safe to call when none runs. */
export async function stopStack(options: StackOptions = {}): Promise<StackState | undefined> {
  const { stateDir = defaultStateDir(), report = () => {} } = options;
  return withStackLock(stateDir, async () => {
    const state = readState(stateDir);
    if (!state) return undefined;
    const provider = await providerFor(state.provider);
    await provider.teardown(state.services, { stateDir, report });
    removeState(stateDir);
    return state;
  });
}

export interface ServiceStatus {
  service: ServiceName;
  running: boolean;
  record: ServiceRecord;
}

/** What the state folder says runs, checked against reality. */
export async function stackStatus(options: StackOptions = {}): Promise<{ state: StackState; services: ServiceStatus[] } | undefined> {
  const { stateDir = defaultStateDir() } = options;
  const state = readState(stateDir);
  if (!state) return undefined;
  const provider = await providerFor(state.provider);
  const services: ServiceStatus[] = [];
  for (const [service, record] of Object.entries(state.services) as [ServiceName, ServiceRecord][]) {
    services.push({ service, record, running: await provider.isRunning(service, record, { stateDir, report: () => {} }) });
  }
  return { state, services };
}

/**
 * Stop a service and start it again with the same data and address: what the crash tests use
 * to restart Postgres or the Kafka broker under a running lab program.
 */
export async function restartService(
  service: ServiceName,
  { stateDir = defaultStateDir(), downtimeMs = 0 }: { stateDir?: string; downtimeMs?: number } = {},
): Promise<void> {
  const state = readState(stateDir);
  const record = state?.services[service];
  if (!state || !record) {
    throw new StackError(`no ${service} is recorded in ${stateDir}`, {
      hint: 'restarting a service needs a stack this project started (local or docker provider)',
    });
  }
  const provider = await providerFor(state.provider);
  const ctx = { stateDir, report: () => {} };
  await provider.stopService(service, record as ServiceRecord, ctx);
  if (downtimeMs > 0) await new Promise((resolve) => setTimeout(resolve, downtimeMs));
  const restarted = await provider.restartService(service, record as ServiceRecord, ctx);
  writeState(stateDir, { ...state, services: { ...state.services, [service]: restarted } });
}

/** Freeze one service of a recorded stack (see StackProvider.pauseService), or thaw it. */
export async function pauseService(service: ServiceName, { stateDir = defaultStateDir() }: { stateDir?: string } = {}): Promise<void> {
  const { provider, record } = await recordedService(service, stateDir);
  await provider.pauseService(service, record, { stateDir, report: () => {} });
}

export async function resumeService(service: ServiceName, { stateDir = defaultStateDir() }: { stateDir?: string } = {}): Promise<void> {
  const { provider, record } = await recordedService(service, stateDir);
  await provider.resumeService(service, record, { stateDir, report: () => {} });
}

async function recordedService(service: ServiceName, stateDir: string): Promise<{ provider: StackProvider; record: ServiceRecord }> {
  const state = readState(stateDir);
  const record = state?.services[service];
  if (!state || !record) throw new StackError(`no ${service} is recorded in ${stateDir}`);
  return { provider: await providerFor(state.provider), record: record as ServiceRecord };
}

/** The connection details as environment variables, the same names the external provider reads. */
export function stackEnv(services: StackServices): StackEnv {
  const env: StackEnv = {};
  const postgres = services.postgres?.endpoint;
  if (postgres) {
    const credentials = `${encodeURIComponent(postgres.user)}:${encodeURIComponent(postgres.password)}`;
    env.DATABASE_URL = `postgres://${credentials}@${postgres.host}:${postgres.port}/${encodeURIComponent(postgres.database)}`;
  }
  if (services.kafka) env.KAFKA_BROKERS = services.kafka.endpoint.brokers;
  if (services.registry) env.SCHEMA_REGISTRY_URL = services.registry.endpoint.url;
  if (services.connect) env.CONNECT_URL = services.connect.endpoint.url;
  const connectDatabaseHost = services.connect?.endpoint.databaseHost;
  if (connectDatabaseHost) env.CONNECT_DATABASE_HOST = connectDatabaseHost;
  if (services.postgres?.containerId) env.CDC_LAB_POSTGRES_CONTAINER = services.postgres.containerId;
  return env;
}
