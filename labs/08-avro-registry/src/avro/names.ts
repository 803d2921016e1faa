/*
 * Avro names are stricter than Postgres's and Kafka's: [A-Za-z_][A-Za-z0-9_]*, with dots only
 * between the parts of a namespace. A topic prefix such as `cdc-lab` or a column called
 * `order date` must be adjusted, as Debezium does (field.name.adjustment.mode=avro): every
 * other character becomes '_', and a leading digit gets a '_' in front.
 */
export function avroName(name: string): string {
  const adjusted = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(adjusted) ? adjusted : `_${adjusted}`;
}

/** `<prefix>.<schema>.<table>`, each part an Avro name: where Debezium puts Key, Value and Envelope. */
export function avroNamespace(prefix: string, schema: string, table: string): string {
  return [...prefix.split('.'), schema, table].map(avroName).join('.');
}

/** Field names for a table's columns, unique even when two columns adjust to the same name. */
export function avroFieldNames(columns: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const column of columns) {
    let name = avroName(column);
    for (let suffix = 2; taken.has(name); suffix += 1) name = `${avroName(column)}_${suffix}`;
    taken.add(name);
    names.set(column, name);
  }
  return names;
}
