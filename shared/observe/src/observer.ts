import type { StackEnv } from '@cdc-lab/harness';
import { readConnect } from './connect.ts';
import { KafkaReader } from './kafka.ts';
import { maskText } from './mask.ts';
import { PostgresReader } from './postgres.ts';
import { RegistryReader } from './registry.ts';
import type { Snapshot } from './snapshot.ts';

export interface ObserverOptions {
  /** Milliseconds between snapshots. */
  intervalMs?: number;
  /** Show only the slots, topics (and groups' offsets on them) and connectors whose name contains this. */
  only?: string;
}

/** An error as one line for the page: fetch's "fetch failed" says why only in its cause (ECONNREFUSED, …). */
const message = (error: unknown): string => {
  if (!(error instanceof Error)) return maskText(String(error));
  const cause = (error.cause as { code?: string; message?: string } | undefined);
  const why = cause?.code ?? cause?.message;
  return maskText(`${error.message || error.name}${why && !error.message.includes(why) ? ` (${why})` : ''}`);
};

/**
 * Takes a snapshot of the stack about once a second while someone watches, and hands each to
 * every watcher. No watcher, no queries: an open terminal with `pnpm observe` costs nothing.
 */
export class Observer {
  private readonly postgres: PostgresReader | undefined;
  private readonly kafka: KafkaReader | undefined;
  private readonly watchers = new Set<(snapshot: Snapshot) => void>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private latest: Snapshot | undefined;
  private readonly intervalMs: number;

  constructor(private readonly env: StackEnv, private readonly options: ObserverOptions = {}) {
    this.intervalMs = options.intervalMs ?? 1_000;
    this.postgres = env.DATABASE_URL ? new PostgresReader(env.DATABASE_URL) : undefined;
    const registry = env.SCHEMA_REGISTRY_URL ? new RegistryReader(env.SCHEMA_REGISTRY_URL) : undefined;
    this.kafka = env.KAFKA_BROKERS ? new KafkaReader(env.KAFKA_BROKERS, registry?.decode) : undefined;
  }

  /** One snapshot now (the latest if one is fresh). */
  async snapshot(): Promise<Snapshot> {
    if (this.latest && Date.now() - Date.parse(this.latest.at) < this.intervalMs) return this.latest;
    return this.take();
  }

  watch(onSnapshot: (snapshot: Snapshot) => void): () => void {
    this.watchers.add(onSnapshot);
    if (this.latest) onSnapshot(this.latest);
    if (!this.timer) this.schedule(0);
    return () => {
      this.watchers.delete(onSnapshot);
      if (this.watchers.size === 0 && this.timer) {
        clearTimeout(this.timer);
        this.timer = undefined;
      }
    };
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(async () => {
      const started = Date.now();
      const snapshot = await this.take();
      for (const watcher of this.watchers) watcher(snapshot);
      if (this.watchers.size > 0) this.schedule(Math.max(100, this.intervalMs - (Date.now() - started)));
      else this.timer = undefined;
    }, delayMs);
  }

  private async take(): Promise<Snapshot> {
    if (this.running && this.latest) return this.latest;
    this.running = true;
    try {
      const [postgres, kafka, connect] = await Promise.all([
        this.postgres ? this.postgres.read(this.options.only).catch((error) => ({ error: message(error) })) : Promise.resolve({ error: 'no DATABASE_URL: is the stack running? (pnpm stack up)' }),
        this.kafka
          ? this.kafka.read(this.options.only ? { filter: this.options.only } : {}).catch((error) => ({ error: message(error) }))
          : Promise.resolve({ absent: true as const }),
        this.env.CONNECT_URL ? readConnect(this.env.CONNECT_URL, this.options.only).catch((error) => ({ error: message(error) })) : Promise.resolve({ absent: true as const }),
      ]);
      this.latest = {
        at: new Date().toISOString(),
        only: this.options.only ?? null,
        postgres,
        kafka,
        connect,
        registry: this.env.SCHEMA_REGISTRY_URL ? { url: maskText(this.env.SCHEMA_REGISTRY_URL) } : { absent: true },
      };
      return this.latest;
    } finally {
      this.running = false;
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.watchers.clear();
    await Promise.all([this.postgres?.close(), this.kafka?.close()]);
  }
}
