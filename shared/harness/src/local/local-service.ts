import type { ProviderContext, ServiceRecord, StackServices } from '../types.ts';

/**
 * How one service runs as processes on this machine: Postgres, Kafka, the schema registry
 * (lab 8) and Kafka Connect with Debezium (lab 9) are each one entry of LOCAL_SERVICES.
 */
export interface LocalService {
  start(ctx: ProviderContext, running: StackServices): Promise<ServiceRecord>;
  isRunning(record: ServiceRecord): Promise<boolean>;
  stop(record: ServiceRecord): Promise<void>;
  restart(record: ServiceRecord): Promise<ServiceRecord>;
  remove(record: ServiceRecord): Promise<void>;
}
