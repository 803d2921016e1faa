import { SchemaError } from '@cdc-lab/common';

/*
 * The schema registry's REST API — the part of it this lab uses, which Confluent's registry
 * and Apicurio's Confluent-compatible API (/apis/ccompat/v7) both serve:
 *
 *   POST   /subjects/{subject}/versions          register a schema → {"id": 7} (the same id again for a schema already there)
 *   POST   /subjects/{subject}                   look a schema up → {"id", "version", …}
 *   GET    /subjects/{subject}/versions          [1, 2, …]
 *   GET    /config/{subject}, PUT /config/{subject}   a subject's compatibility level
 *   GET    /config                               the registry's default level
 *   GET    /schemas/ids/{id}                     the schema of an id
 *   DELETE /subjects/{subject}[?permanent=true]  soft, then hard delete
 *
 * Errors come back as {"error_code": 40401, "message": "…"}. The codes are what to rely on:
 * the messages differ between registries.
 */
const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

export const COMPATIBILITY_LEVELS = ['BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE'] as const;
export type Compatibility = (typeof COMPATIBILITY_LEVELS)[number];

/** What the registry said when it said no. */
export class RegistryResponseError extends SchemaError {
  constructor(readonly status: number, readonly errorCode: number | undefined, readonly registryMessage: string, readonly route: string) {
    super(`the schema registry answered ${status} to ${route}: ${registryMessage}`, { retriable: status >= 500 });
  }
}

export class RegistryClient {
  constructor(readonly url: string) {}

  async register(subject: string, schema: object): Promise<number> {
    const answer = await this.call<{ id: number }>('POST', `/subjects/${encodeURIComponent(subject)}/versions`, { schema: JSON.stringify(schema) });
    return answer.id;
  }

  /** The version number a registered schema has under a subject. */
  async versionOf(subject: string, schema: object): Promise<number> {
    const answer = await this.call<{ version: number }>('POST', `/subjects/${encodeURIComponent(subject)}`, { schema: JSON.stringify(schema) });
    return answer.version;
  }

  /** The subject's versions; an empty list for a subject that does not exist. */
  async versions(subject: string): Promise<number[]> {
    try {
      return await this.call<number[]>('GET', `/subjects/${encodeURIComponent(subject)}/versions`);
    } catch (error) {
      if (error instanceof RegistryResponseError && error.status === 404) return [];
      throw error;
    }
  }

  /** The level set on the subject, or the registry's default when it has none of its own. */
  async compatibility(subject: string): Promise<string> {
    try {
      return (await this.call<{ compatibilityLevel: string }>('GET', `/config/${encodeURIComponent(subject)}`)).compatibilityLevel;
    } catch (error) {
      if (!(error instanceof RegistryResponseError && error.status === 404)) throw error;
      return (await this.call<{ compatibilityLevel: string }>('GET', '/config')).compatibilityLevel;
    }
  }

  async setCompatibility(subject: string, level: Compatibility): Promise<void> {
    await this.call('PUT', `/config/${encodeURIComponent(subject)}`, { compatibility: level });
  }

  async schemaById(id: number): Promise<object> {
    const answer = await this.call<{ schema: string }>('GET', `/schemas/ids/${id}`);
    return JSON.parse(answer.schema) as object;
  }

  async subjects(): Promise<string[]> {
    return this.call<string[]>('GET', '/subjects');
  }

  /** Soft delete, then permanent: a registry refuses the permanent delete of a subject still live. */
  async deleteSubject(subject: string): Promise<void> {
    const route = `/subjects/${encodeURIComponent(subject)}`;
    await this.call('DELETE', route).catch(() => {});
    await this.call('DELETE', `${route}?permanent=true`).catch(() => {});
  }

  private async call<T>(method: string, route: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.url}${route}`, {
        method,
        headers: { 'content-type': CONTENT_TYPE, accept: CONTENT_TYPE },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new SchemaError(`cannot reach the schema registry at ${this.url}: ${(error as Error).message}`, {
        cause: error,
        retriable: true,
        hint: 'is it running? `pnpm stack status` shows it; SCHEMA_REGISTRY_URL must be its Confluent-compatible API (eval "$(pnpm -s stack env)" sets the stack\'s)',
      });
    }
    const text = await response.text();
    const json = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const details = (json ?? {}) as { error_code?: number; message?: string };
      throw new RegistryResponseError(response.status, details.error_code, details.message ?? text, `${method} ${route}`);
    }
    return json as T;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}
