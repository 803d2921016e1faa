import type { Difference } from './diff.ts';

/**
 * The comparison's verdict. Documented differences are summed per reason (one line each);
 * undocumented ones are listed one by one, up to a limit, since each is a bug.
 */
export function printDifferences(differences: readonly Difference[], compared: number, limit = 40): void {
  const undocumented = differences.filter((difference) => !difference.documented);
  for (const line of documentedLines(differences)) console.log(line);
  for (const difference of undocumented.slice(0, limit)) {
    console.log(`differs: ${difference.where} ${difference.path}: Debezium ${clip(difference.debezium)}, lab 4 ${clip(difference.bridge)}`);
  }
  if (undocumented.length > limit) console.log(`… and ${undocumented.length - limit} more`);
  console.log(`compared ${compared} Debezium record(s) with lab 4's: ${undocumented.length} undocumented difference(s)`);
}

/**
 * The documented differences, one line per reason: the fields it covers, in how many records
 * (the most of any of its fields), one example, then the reason.
 */
export function documentedLines(differences: readonly Difference[]): string[] {
  const byReason = new Map<string, Map<string, { count: number; example: Difference }>>();
  for (const difference of differences) {
    if (!difference.documented) continue;
    const fields = byReason.get(difference.documented) ?? new Map<string, { count: number; example: Difference }>();
    const field = difference.path.replace(/\[\d+\]/g, '[]');
    const entry = fields.get(field) ?? { count: 0, example: difference };
    entry.count++;
    fields.set(field, entry);
    byReason.set(difference.documented, fields);
  }
  if (byReason.size === 0) return [];
  const lines = ['documented differences (expected):'];
  const sorted = [...byReason].map(([reason, fields]) => {
    const names = [...fields.keys()].sort();
    return { reason, fields: names, entries: names.map((name) => fields.get(name)!) };
  })
    .sort((a, b) => a.fields[0]!.localeCompare(b.fields[0]!));
  for (const { reason, fields, entries } of sorted) {
    const count = Math.max(...entries.map((entry) => entry.count));
    const example = entries[0]!.example;
    lines.push(`  ${joinFields(fields)} in ${count} record(s), e.g. ${example.path} ${clip(example.debezium)} vs ${clip(example.bridge)}: ${reason}`);
  }
  return lines;
}

/** `a.b.x, a.b.y` as `a.b.{x,y}`: fields of one object listed once. */
function joinFields(fields: readonly string[]): string {
  const parent = (field: string) => field.slice(0, field.lastIndexOf('.') + 1);
  const first = parent(fields[0]!);
  if (fields.length > 1 && first !== '' && fields.every((field) => parent(field) === first)) {
    return `${first}{${fields.map((field) => field.slice(first.length)).join(',')}}`;
  }
  return fields.join(', ');
}

function clip(text: string, length = 80): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
