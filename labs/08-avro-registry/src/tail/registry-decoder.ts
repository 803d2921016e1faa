import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type avro from 'avsc';
import { SchemaError } from '@cdc-lab/common';
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
    try {
      return { schemaId, value: type.fromBuffer(body) };
    } catch (error) {
      // avsc's own words ("trailing data") would reach the user as a Kafka failure.
      throw new SchemaError(`cannot read a record written with schema ${schemaId}: ${(error as Error).message}`, {
        cause: error,
        hint: 'the body is the Avro binary after the 5-byte header, read with exactly that schema: bytes left over or missing mean it was cut in the wrong place',
      });
    }
  }
}
