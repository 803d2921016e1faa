/**
 * Broken on purpose: a nullable column becomes ["null", T] but without "default": null — the
 * union looks optional, yet Avro fills a missing field only from a default. A column that
 * appears in a new version (a RENAME COLUMN is a drop and an add, to Avro) then cannot be read
 * from older records, the registry refuses the schema under BACKWARD, and the bridge stops at
 * the first rename. The drop-rename stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { avroColumn } from '../../src/avro/column-types.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

const withoutDefault: typeof avroColumn = (column) => {
  const mapped = avroColumn(column);
  return column.notNull ? mapped : { kind: mapped.kind, schema: mapped.schema };
};

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, avroColumn: withoutDefault }));
