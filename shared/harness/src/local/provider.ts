import { StackError } from '@cdc-lab/common';
import { inDependencyOrder, type DependencyMap } from '../dependencies.ts';
import type {
  KafkaEndpoint, PostgresEndpoint, ProviderContext, ServiceName, ServiceRecord, StackProvider, StackServices,
} from '../types.ts';
import { kafkaIsRunning, launchBroker, removeKafka, startKafka, stopBroker } from './kafka.ts';
import { postgresIsRunning, removeCluster, startCluster, startPostgres, stopCluster } from './postgres.ts';
import { connectService } from './connect.ts';
import { registryService } from './registry.ts';
import { canRun } from './run.ts';
import type { LocalService } from './local-service.ts';

const postgres: LocalService = {
  start: (ctx) => startPostgres(ctx),
  isRunning: (record) => postgresIsRunning(record as ServiceRecord<PostgresEndpoint>),
  stop: (record) => stopCluster(record as ServiceRecord<PostgresEndpoint>),
  restart: (record) => startCluster(record as ServiceRecord<PostgresEndpoint>),
  remove: (record) => removeCluster(record as ServiceRecord<PostgresEndpoint>),
};

const kafka: LocalService = {
  start: (ctx) => startKafka(ctx),
  isRunning: (record) => kafkaIsRunning(record as ServiceRecord<KafkaEndpoint>),
  stop: (record) => stopBroker(record),
  restart: (record) => launchBroker(record as ServiceRecord<KafkaEndpoint>),
  remove: (record) => removeKafka(record as ServiceRecord<KafkaEndpoint>),
};

/** The services this provider can run today. */
export const LOCAL_SERVICES: Partial<Record<ServiceName, LocalService>> = { postgres, kafka, registry: registryService, connect: connectService };


/** What each service needs running first: the registry keeps its schemas in Postgres, Connect talks to Kafka. */
export const DEPENDS_ON: DependencyMap = {
  postgres: [],
  kafka: [],
  registry: ['postgres'],
  connect: ['kafka'],
};

/** The services asked for plus what they depend on, each after its dependencies. */
export function withDependencies(services: readonly ServiceName[]): ServiceName[] {
  return inDependencyOrder(services, DEPENDS_ON);
}

/** The services that run on the JVM, as a user knows them. */
const NEEDS_JAVA: Partial<Record<ServiceName, string>> = { kafka: 'Kafka', registry: 'the schema registry', connect: 'Kafka Connect' };

export class LocalProvider implements StackProvider {
  readonly name = 'local' as const;

  constructor(private readonly javaAvailable: () => Promise<boolean> = () => canRun('java', ['-version'])) {}

  async cannotProvide(services: readonly ServiceName[], current: StackServices): Promise<string | undefined> {
    const toStart = withDependencies(services).filter((name) => NEEDS_JAVA[name] !== undefined && current[name] === undefined);
    if (toStart.length === 0 || (await this.javaAvailable())) return undefined;
    const names = toStart.map((name) => NEEDS_JAVA[name]);
    return `Java is needed to run ${names.join(' and ')} and was not found`;
  }

  supports(service: ServiceName): boolean {
    return LOCAL_SERVICES[service] !== undefined;
  }

  async start(services: readonly ServiceName[], current: StackServices, ctx: ProviderContext): Promise<StackServices> {
    const result: StackServices = { ...current };
    const startedNow = new Set<ServiceName>();
    for (const name of withDependencies(services)) {
      const service = this.service(name);
      const existing = result[name];
      // A dependency started afresh has a new address: whatever runs on the old one starts again.
      const dependencyRestarted = DEPENDS_ON[name].some((dependency) => startedNow.has(dependency));
      if (existing && !dependencyRestarted && (await service.isRunning(existing))) continue;
      if (existing) await service.remove(existing);
      startedNow.add(name);
      // Each service is recorded as soon as it runs, so a failure later still lets `down` clean up.
      (result as Record<ServiceName, ServiceRecord>)[name] = await service.start(ctx, result);
      ctx.onServiceStarted?.(result);
    }
    return result;
  }

  isRunning(service: ServiceName, record: ServiceRecord): Promise<boolean> {
    return this.service(service).isRunning(record);
  }

  stopService(service: ServiceName, record: ServiceRecord): Promise<void> {
    return this.service(service).stop(record);
  }

  restartService(service: ServiceName, record: ServiceRecord): Promise<ServiceRecord> {
    return this.service(service).restart(record);
  }

  /** SIGSTOP: the process keeps its sockets open and answers nothing until SIGCONT. */
  async pauseService(service: ServiceName, record: ServiceRecord): Promise<void> {
    process.kill(this.pidOf(service, record), 'SIGSTOP');
  }

  async resumeService(service: ServiceName, record: ServiceRecord): Promise<void> {
    try {
      process.kill(this.pidOf(service, record), 'SIGCONT');
    } catch {
      // Not running: nothing to thaw.
    }
  }

  private pidOf(service: ServiceName, record: ServiceRecord): number {
    if (record.pid === undefined) throw new StackError(`the local ${service} has no process id recorded`);
    return record.pid;
  }

  async teardown(services: StackServices): Promise<void> {
    // Stop in reverse order of dependency: whatever talks to Kafka or Postgres goes first.
    for (const name of ['connect', 'registry', 'kafka', 'postgres'] as const) {
      const record = services[name];
      if (record) await this.service(name).remove(record);
    }
  }

  private service(name: ServiceName): LocalService {
    const service = LOCAL_SERVICES[name];
    if (!service) throw new StackError(`the local provider cannot run ${name}`, { hint: 'use Docker (docker compose up -d) and the external provider' });
    return service;
  }
}
