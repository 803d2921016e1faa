/**
 * A replication connection speaks only the simple query protocol: no `$1` parameters. Every
 * name and value we put into a command is quoted here, never spliced in raw.
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(value: string): string {
  if (value.includes('\0')) throw new RangeError('a SQL literal cannot contain a NUL character');
  return `'${value.replaceAll("'", "''")}'`;
}
