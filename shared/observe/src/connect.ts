import { maskConfig, maskText } from './mask.ts';
import { matchesOnly } from './model.ts';

export interface ConnectorView {
  name: string;
  type: string | null;
  state: string;
  workerId: string | null;
  tasks: Array<{ id: number; state: string; workerId: string | null; trace: string | null }>;
  /** Its config, every password masked. */
  config: Record<string, string>;
}

export interface ConnectView {
  url: string;
  connectors: ConnectorView[];
}

interface StatusAnswer {
  name: string;
  type?: string;
  connector: { state: string; worker_id?: string };
  tasks: Array<{ id: number; state: string; worker_id?: string; trace?: string }>;
}

/** Kafka Connect through its REST API, GET only: GET /connectors?expand=status&expand=info. */
export async function readConnect(url: string, only?: string): Promise<ConnectView> {
  const base = url.replace(/\/$/, '');
  const response = await fetch(`${base}/connectors?expand=status&expand=info`, { signal: AbortSignal.timeout(3_000) });
  if (!response.ok) throw new Error(`Kafka Connect answered HTTP ${response.status}`);
  const answer = (await response.json()) as Record<string, { status?: StatusAnswer; info?: { config?: Record<string, string>; type?: string } }>;
  const connectors = Object.entries(answer).filter(([name]) => matchesOnly(name, only)).map(([name, entry]): ConnectorView => ({
    name,
    type: entry.status?.type ?? entry.info?.type ?? null,
    state: entry.status?.connector.state ?? 'UNKNOWN',
    workerId: entry.status?.connector.worker_id ?? null,
    tasks: (entry.status?.tasks ?? []).map((task) => ({
      id: task.id,
      state: task.state,
      workerId: task.worker_id ?? null,
      // A failed task's stack trace can quote its config: masked like the config.
      trace: task.trace ? maskText(task.trace).split('\n').slice(0, 6).join('\n') : null,
    })),
    config: maskConfig(entry.info?.config ?? {}),
  }));
  return { url: maskText(base), connectors: connectors.sort((a, b) => a.name.localeCompare(b.name)) };
}
