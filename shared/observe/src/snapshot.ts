import type { ConnectView } from './connect.ts';
import type { KafkaView } from './kafka.ts';
import type { PostgresView } from './model.ts';

/**
 * What the page draws, one snapshot a second. Everything here is already masked and made of
 * plain JSON (LSNs as their `X/Y` text plus byte offsets from the line's start as numbers), so
 * the page never parses an LSN and nothing secret can ride along.
 */
export interface Snapshot {
  at: string;
  /** `--only`: the page shows only slots, topics and connectors whose name contains it. */
  only: string | null;
  postgres: PostgresView | Unavailable;
  kafka: KafkaView | Unavailable | Absent;
  connect: ConnectView | Unavailable | Absent;
  registry: { url: string } | Absent;
}

/** A service the stack runs but that did not answer this time. */
export interface Unavailable { error: string }
/** A service the stack does not run (lab 1 needs no Kafka). */
export interface Absent { absent: true }

