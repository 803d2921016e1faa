import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type avro from 'avsc';
import { avscOptions } from '../avro/avsc-options.ts';
import type { unframe } from '../wire-format.ts';

/**
 * Reading a record back: the five-byte header says which schema wrote the body
 * (wire-format.ts), the registry says what that schema is. @kafkajs/confluent-schema-registry
 * fetches GET /schemas/ids/<id> and keeps the answer, so each id costs one request per process
 * however many records carry it; it builds the avsc Type with this lab's options (bigint longs,
 * decimals).
 */
export class RegistryDecoder {
  private readonly registry: SchemaRegistry;

  constructor(url: string, private readonly unframeRecord: typeof unframe) {
    this.registry = new SchemaRegistry({ host: url, clientId: 'cdc-lab-08-tail' }, { forSchemaOptions: avscOptions() });
  }

  async decode(record: Buffer): Promise<{ schemaId: number; value: unknown }> {
    const { schemaId, body } = this.unframeRecord(record);
    const type = (await this.registry.getSchema(schemaId)) as unknown as avro.Type;
    return { schemaId, value: type.fromBuffer(body) };
  }
}
