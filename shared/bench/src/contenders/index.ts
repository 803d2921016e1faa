import type { ContenderId } from '../options.ts';
import type { Contender } from './contender.ts';
import { debezium, debeziumTuned } from './debezium.ts';
import { lab3, lab4, lab5 } from './labs.ts';
import { pgRecvlogical } from './pg-recvlogical.ts';

export const CONTENDERS: Record<ContenderId, Contender> = {
  pg_recvlogical: pgRecvlogical,
  lab3,
  lab4,
  lab5,
  debezium,
  'debezium-tuned': debeziumTuned,
};

/** pg_recvlogical and lab 3 write no Kafka records, so they have no broker latency to measure. */
export function measuresLatency(contender: Contender): boolean {
  return contender.sink === 'kafka' || contender.sink === 'kafka-transactional';
}

export type { Contender } from './contender.ts';
