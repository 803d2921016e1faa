import type { Decoded } from './avro-read.ts';

/**
 * The grader's own view of the schema registry: plain HTTP against the Confluent API, so that
 * what it checks does not depend on the lab's client.
 */
const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

export interface SubjectVersion {
  subject: string;
  version: number;
  id: number;
  schema: string;
}

export class GraderRegistry {
  constructor(readonly url: string) {}

  async call(method: string, route: string, body?: unknown): Promise<{ status: number; json: Decoded }> {
    const response = await fetch(`${this.url}${route}`, {
      method,
      headers: { 'content-type': CONTENT_TYPE, accept: CONTENT_TYPE },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: response.status, json };
  }

  async subjects(prefix: string): Promise<string[]> {
    const answer = await this.call('GET', '/subjects');
    return (answer.json as string[]).filter((subject) => subject.startsWith(prefix)).sort();
  }

  async versions(subject: string): Promise<number[]> {
    const answer = await this.call('GET', `/subjects/${encodeURIComponent(subject)}/versions`);
    return answer.status === 200 ? (answer.json as number[]) : [];
  }

  async version(subject: string, version: number | 'latest'): Promise<SubjectVersion & { parsed: Decoded }> {
    const answer = await this.call('GET', `/subjects/${encodeURIComponent(subject)}/versions/${version}`);
    if (answer.status !== 200) throw new Error(`GET ${subject} version ${version}: ${answer.status} ${JSON.stringify(answer.json)}`);
    return { ...(answer.json as SubjectVersion), parsed: JSON.parse((answer.json as SubjectVersion).schema) };
  }

  /** The schema of an id, or undefined if the registry does not know the id. */
  async schemaById(id: number): Promise<Decoded | undefined> {
    const answer = await this.call('GET', `/schemas/ids/${id}`);
    return answer.status === 200 ? JSON.parse((answer.json as { schema: string }).schema) : undefined;
  }

  async compatibility(subject: string): Promise<string | undefined> {
    const answer = await this.call('GET', `/config/${encodeURIComponent(subject)}`);
    return answer.status === 200 ? (answer.json as { compatibilityLevel: string }).compatibilityLevel : undefined;
  }

  /** Clean-up: every subject under the prefix, soft then permanent delete. */
  async deleteSubjects(prefix: string): Promise<void> {
    for (const subject of await this.subjects(prefix)) {
      await this.call('DELETE', `/subjects/${encodeURIComponent(subject)}`).catch(() => {});
      await this.call('DELETE', `/subjects/${encodeURIComponent(subject)}?permanent=true`).catch(() => {});
    }
  }
}

/** The row record inside a value schema (the `before` union's record). */
export function rowRecord(valueSchema: Decoded): { name: string; fields: { name: string; type: Decoded; default?: unknown }[] } {
  const before = valueSchema.fields?.find((field: { name: string }) => field.name === 'before');
  return before.type.find((branch: unknown) => typeof branch === 'object' && branch !== null);
}

export function fieldOf(record: { fields: { name: string; type: Decoded; default?: unknown }[] }, name: string) {
  return record.fields.find((field) => field.name === name);
}
