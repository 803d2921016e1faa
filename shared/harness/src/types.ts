/**
 * The vocabulary of the harness. A *stack* is the set of services the labs talk to; a
 * *provider* is one way of getting them (env vars, Docker, processes on this machine).
 */

export const SERVICE_NAMES = ['postgres', 'kafka', 'registry', 'connect'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const PROVIDER_NAMES = ['external', 'docker', 'local'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/**
 * The connection details handed to lab programs, under the same variable names the
 * `external` provider reads. `pnpm stack env` prints exactly these.
 */
export interface StackEnv {
  DATABASE_URL?: string;
  KAFKA_BROKERS?: string;
  SCHEMA_REGISTRY_URL?: string;
  CONNECT_URL?: string;
  /**
   * `host:port` of Postgres as the Kafka Connect worker reaches it, for the database host and
   * port of a connector's config (user, password and database still come from DATABASE_URL).
   * Set when it differs from DATABASE_URL's: inside Docker the worker reaches `postgres:5432`.
   * Absent for the local provider, where the worker runs on this machine.
   */
  CONNECT_DATABASE_HOST?: string;
  /**
   * The container Postgres runs in, when Docker runs it: lab 2 runs the server's own
   * pg_waldump there (`docker exec`), since pg_wal is not on this machine.
   */
  CDC_LAB_POSTGRES_CONTAINER?: string;
}

export interface PostgresEndpoint {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** Postgres major version, as the server reports it. */
  majorVersion?: number;
  /** Where the server keeps its files, when this machine can read them (lab 2 needs pg_wal). */
  dataDir?: string;
  /** Directory of the server's own programs (pg_waldump, pg_recvlogical), when known. */
  binDir?: string;
}

export interface KafkaEndpoint {
  /** Comma-separated host:port list, as KAFKA_BROKERS. */
  brokers: string;
  version?: string;
}

export interface HttpEndpoint {
  url: string;
  version?: string;
}

export interface ConnectEndpoint extends HttpEndpoint {
  /** `host:port` of Postgres as the worker reaches it, when not DATABASE_URL's (CONNECT_DATABASE_HOST). */
  databaseHost?: string;
}

/** What a provider knows about one running service, persisted in the state file. */
export interface ServiceRecord<E = unknown> {
  endpoint: E;
  /** Process id of the service when this machine runs it (local provider). */
  pid?: number;
  /** Container id when Docker runs it. */
  containerId?: string;
  /** Where the service writes its log, when we started it. */
  logFile?: string;
  /** Provider-specific details needed to stop or restart it. */
  details?: Record<string, unknown>;
}

export interface StackServices {
  postgres?: ServiceRecord<PostgresEndpoint>;
  kafka?: ServiceRecord<KafkaEndpoint>;
  registry?: ServiceRecord<HttpEndpoint>;
  connect?: ServiceRecord<ConnectEndpoint>;
}

/** The state file: everything needed to find, report and stop a running stack. */
export interface StackState {
  provider: ProviderName;
  startedAt: string;
  services: StackServices;
}

/** A sink for progress lines ("starting Kafka 4.1.2 on port 40123…"). */
export type Reporter = (line: string) => void;

export interface ProviderContext {
  /** The folder that holds this stack's state, data and logs. */
  stateDir: string;
  report: Reporter;
  /** The environment the stack was asked for with (CDC_LAB_POSTGRES picks Postgres's major); process.env when absent. */
  env?: Record<string, string | undefined>;
  /** Called after each service comes up, so the state file records it at once. */
  onServiceStarted?: (services: StackServices) => void;
}

/**
 * One way of getting the services. `start` is given what already runs (possibly nothing)
 * and brings up only what is missing, so calling it twice is harmless.
 */
export interface StackProvider {
  readonly name: ProviderName;
  /** Services this provider can supply; asking for another one fails with a clear error. */
  supports(service: ServiceName): boolean;
  start(services: readonly ServiceName[], current: StackServices, ctx: ProviderContext): Promise<StackServices>;
  /**
   * Why this provider cannot start what `services` still lacks on this machine as it is now
   * (local: no Java for Kafka), or undefined when it can try. Asked before a recorded stack is
   * reused, so the user hears what to do instead of a failure halfway through a start.
   */
  cannotProvide?(services: readonly ServiceName[], current: StackServices): Promise<string | undefined>;
  /** Whether the recorded service still answers. */
  isRunning(service: ServiceName, record: ServiceRecord, ctx: ProviderContext): Promise<boolean>;
  /** Stop one service, keeping its data (for crash and restart tests). */
  stopService(service: ServiceName, record: ServiceRecord, ctx: ProviderContext): Promise<void>;
  /** Start a stopped service again with the same data, ports and identity. */
  restartService(service: ServiceName, record: ServiceRecord, ctx: ProviderContext): Promise<ServiceRecord>;
  /**
   * Freeze a running service without stopping it: its sockets stay open and nothing answers,
   * which is how an overloaded or cut-off service looks to its clients. `resumeService`
   * thaws it; resuming one that is not frozen does nothing.
   */
  pauseService(service: ServiceName, record: ServiceRecord, ctx: ProviderContext): Promise<void>;
  resumeService(service: ServiceName, record: ServiceRecord, ctx: ProviderContext): Promise<void>;
  /** Stop everything and remove what was created (data directories, containers). */
  teardown(services: StackServices, ctx: ProviderContext): Promise<void>;
}
