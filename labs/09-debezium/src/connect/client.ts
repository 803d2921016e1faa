import { StackError } from '@cdc-lab/common';

/** A connector's configuration as Kafka Connect takes it: every value a string. */
export type ConnectorConfig = Record<string, string>;

export type ConnectorState = 'RUNNING' | 'PAUSED' | 'STOPPED' | 'FAILED' | 'UNASSIGNED' | 'RESTARTING';

/** GET /connectors/<name>/status: the connector and each of its tasks. */
export interface ConnectorStatus {
  name: string;
  connector: { state: ConnectorState; worker_id: string; version?: string; trace?: string };
  tasks: { id: number; state: ConnectorState; worker_id: string; version?: string; trace?: string }[];
  type?: string;
}

/**
 * A small client for Kafka Connect's REST API: the few calls a connector's life needs. Connect
 * answers with JSON, and with `{ error_code, message }` when it refuses; the message is kept.
 * Responses that echo a connector's config (PUT …/config) are never returned whole: they hold
 * the database password.
 */
export class ConnectClient {
  constructor(readonly url: string) {}

  /** Create the connector, or replace its config: PUT is idempotent, POST /connectors is not. */
  async putConfig(name: string, config: ConnectorConfig): Promise<{ created: boolean }> {
    const response = await this.request('PUT', `/connectors/${encodeURIComponent(name)}/config`, config);
    return { created: response.status === 201 };
  }

  /**
   * Create a connector that does not start (KIP-980, `initial_state: STOPPED`): the one way to
   * reach the offsets Connect still keeps under the name of a connector deleted earlier.
   */
  async createStopped(name: string, config: ConnectorConfig): Promise<void> {
    await this.request('POST', '/connectors', { name, config, initial_state: 'STOPPED' });
  }

  /** GET /connectors/<name>/offsets: the source offsets Connect keeps for it (KIP-875). */
  async offsets(name: string): Promise<unknown[]> {
    const response = await this.request('GET', `/connectors/${encodeURIComponent(name)}/offsets`);
    return ((response.body as { offsets?: unknown[] } | undefined)?.offsets) ?? [];
  }

  async config(name: string): Promise<ConnectorConfig | undefined> {
    const response = await this.request('GET', `/connectors/${encodeURIComponent(name)}/config`, undefined, [404]);
    return response.status === 404 ? undefined : (response.body as ConnectorConfig);
  }

  async status(name: string): Promise<ConnectorStatus | undefined> {
    const response = await this.request('GET', `/connectors/${encodeURIComponent(name)}/status`, undefined, [404]);
    return response.status === 404 ? undefined : (response.body as ConnectorStatus);
  }

  async list(): Promise<string[]> {
    return (await this.request('GET', '/connectors')).body as string[];
  }

  /** Stop the tasks but keep them assigned; the slot stays open and keeps WAL. */
  async pause(name: string): Promise<void> {
    await this.request('PUT', `/connectors/${encodeURIComponent(name)}/pause`);
  }

  async resume(name: string): Promise<void> {
    await this.request('PUT', `/connectors/${encodeURIComponent(name)}/resume`);
  }

  /** Restart the connector and its tasks (KIP-745); a task restart commits its offsets first. */
  async restart(name: string): Promise<void> {
    await this.request('POST', `/connectors/${encodeURIComponent(name)}/restart?includeTasks=true&onlyFailed=false`);
  }

  async restartTask(name: string, task: number): Promise<void> {
    await this.request('POST', `/connectors/${encodeURIComponent(name)}/tasks/${task}/restart`);
  }

  /** Stop the connector and its tasks entirely (KIP-875): the state in which offsets can be changed. */
  async stop(name: string): Promise<void> {
    await this.request('PUT', `/connectors/${encodeURIComponent(name)}/stop`);
  }

  /**
   * Forget the connector's source offsets (KIP-875; the connector must be STOPPED). Connect keeps
   * offsets by connector name, after the connector is deleted too: a new connector of the same
   * name would look for the old position in a slot that no longer has it, and fail.
   */
  async resetOffsets(name: string): Promise<void> {
    await this.request('DELETE', `/connectors/${encodeURIComponent(name)}/offsets`);
  }

  /** Delete the connector; true if it existed. Its replication slot is NOT dropped. */
  async delete(name: string): Promise<boolean> {
    const response = await this.request('DELETE', `/connectors/${encodeURIComponent(name)}`, undefined, [404]);
    return response.status !== 404;
  }

  private async request(method: string, route: string, body?: unknown, accepted: number[] = []): Promise<{ status: number; body: unknown }> {
    let response: Response;
    try {
      response = await fetch(`${this.url}${route}`, {
        method,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
    } catch (error) {
      throw new StackError(`cannot reach Kafka Connect at ${this.url}: ${(error as Error).message}`, {
        cause: error,
        retriable: true,
        hint: 'is the worker running? `pnpm stack status` shows it; `pnpm stack up --services postgres,kafka,connect` starts it',
      });
    }
    const text = await response.text();
    const parsed: unknown = text ? safeJson(text) : undefined;
    if (response.ok || accepted.includes(response.status)) return { status: response.status, body: parsed };
    const message = (parsed as { message?: string } | undefined)?.message ?? text;
    throw new StackError(`Kafka Connect refused ${method} ${route.split('?')[0]} (HTTP ${response.status}): ${message}`, {
      retriable: response.status === 409,
      hint: response.status === 409
        ? 'the worker is rebalancing: try again in a moment'
        : 'the message above is the worker\'s own; its log has the rest (`pnpm stack status` shows where)',
    });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
