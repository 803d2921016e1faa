import { StackError } from '@cdc-lab/common';
import type {
  KafkaEndpoint, PostgresEndpoint, ProviderContext, ServiceName, ServiceRecord, StackProvider, StackServices,
} from '../types.ts';
import { kafkaIsRunning, launchBroker, removeKafka, startKafka, stopBroker } from './kafka.ts';
import { postgresIsRunning, removeCluster, startCluster, startPostgres, stopCluster } from './postgres.ts';

/**
 * How one service runs as processes on this machine. Adding the schema registry (lab 8) or
 * Kafka Connect with Debezium (lab 9) means adding one entry to LOCAL_SERVICES.
 */
export interface LocalService {
  start(ctx: ProviderContext, running: StackServices): Promise<ServiceRecord>;
  isRunning(record: ServiceRecord): Promise<boolean>;
  stop(record: ServiceRecord): Promise<void>;
  restart(record: ServiceRecord): Promise<ServiceRecord>;
  remove(record: ServiceRecord): Promise<void>;
}

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
export const LOCAL_SERVICES: Partial<Record<ServiceName, LocalService>> = { postgres, kafka };

/** Which lab brings each service that is not here yet, for the error message. */
const COMING_WITH: Partial<Record<ServiceName, string>> = {
  registry: 'lab 8 (Avro and a schema registry)',
  connect: 'lab 9 (Debezium on Kafka Connect)',
};

export class LocalProvider implements StackProvider {
  readonly name = 'local' as const;

  supports(service: ServiceName): boolean {
    return LOCAL_SERVICES[service] !== undefined;
  }

  async start(services: readonly ServiceName[], current: StackServices, ctx: ProviderContext): Promise<StackServices> {
    const result: StackServices = { ...current };
    for (const name of services) {
      const service = this.service(name);
      const existing = result[name];
      if (existing && (await service.isRunning(existing))) continue;
      if (existing) await service.remove(existing);
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

  async teardown(services: StackServices): Promise<void> {
    // Stop in reverse order of dependency: whatever talks to Kafka or Postgres goes first.
    for (const name of ['connect', 'registry', 'kafka', 'postgres'] as const) {
      const record = services[name];
      if (record) await this.service(name).remove(record);
    }
  }

  private service(name: ServiceName): LocalService {
    const service = LOCAL_SERVICES[name];
    if (!service) {
      throw new StackError(`the local provider cannot run ${name} yet`, {
        hint: `it is added with ${COMING_WITH[name] ?? 'a later lab'}; meanwhile use Docker (docker compose up -d) and the external provider`,
      });
    }
    return service;
  }
}
