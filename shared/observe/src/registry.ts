import avro from 'avsc';
import { plainJson } from './decode.ts';

/*
 * Avro through the schema registry: the id in each record's header names the writer's schema,
 * GET /schemas/ids/<id> returns it (an id never changes its schema, so it is cached for good).
 * Longs are read as bigint (a change event's ts_ns does not fit a double) and shown as numbers
 * when they fit.
 */
const bigintLong = avro.types.LongType.__with({
  fromBuffer: (buffer: Buffer) => buffer.readBigInt64LE(),
  toBuffer: (value: bigint) => {
    const buffer = Buffer.alloc(8);
    buffer.writeBigInt64LE(value);
    return buffer;
  },
  fromJSON: (value: number | string | bigint) => BigInt(value),
  toJSON: (value: bigint) => Number(value),
  isValid: (value: unknown) => typeof value === 'bigint',
  compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
});

const isLong = (schema: avro.Schema): boolean =>
  schema === 'long' || (typeof schema === 'object' && schema !== null && !Array.isArray(schema) && (schema as { type?: unknown }).type === 'long');

export class RegistryReader {
  private readonly types = new Map<number, Promise<avro.Type>>();

  constructor(private readonly url: string) {}

  decode = async (schemaId: number, body: Buffer): Promise<unknown> => {
    const type = await this.type(schemaId);
    return plainJson(type.fromBuffer(body));
  };

  private type(schemaId: number): Promise<avro.Type> {
    let type = this.types.get(schemaId);
    if (!type) {
      type = this.fetchSchema(schemaId).then((schema) => avro.Type.forSchema(schema, { typeHook: (s) => (isLong(s) ? bigintLong : undefined) }));
      // A failure (registry down) is not remembered: the next record asks again.
      type.catch(() => this.types.delete(schemaId));
      this.types.set(schemaId, type);
    }
    return type;
  }

  private async fetchSchema(schemaId: number): Promise<avro.Schema> {
    const response = await fetch(`${this.url.replace(/\/$/, '')}/schemas/ids/${schemaId}`, { signal: AbortSignal.timeout(3_000) });
    if (!response.ok) throw new Error(`the registry has no schema ${schemaId} (HTTP ${response.status})`);
    const answer = (await response.json()) as { schema: string };
    return JSON.parse(answer.schema) as avro.Schema;
  }
}
