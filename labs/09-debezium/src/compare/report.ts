import type { Difference } from './diff.ts';

/**
 * The comparison's verdict. Documented differences are summed per field with their reason (one
 * line each); undocumented ones are listed one by one, up to a limit, since each is a bug.
 */
export function printDifferences(differences: readonly Difference[], compared: number, limit = 40): void {
  const documented = new Map<string, { count: number; reason: string; example: Difference }>();
  const undocumented = differences.filter((difference) => !difference.documented);
  for (const difference of differences) {
    if (!difference.documented) continue;
    const field = difference.path.replace(/\[\d+\]/g, '[]');
    const entry = documented.get(field) ?? { count: 0, reason: difference.documented, example: difference };
    entry.count++;
    documented.set(field, entry);
  }
  if (documented.size > 0) {
    console.log('documented differences (expected):');
    for (const [field, entry] of [...documented].sort()) {
      console.log(`  ${field} in ${entry.count} record(s), e.g. ${clip(entry.example.debezium)} vs ${clip(entry.example.bridge)}: ${entry.reason}`);
    }
  }
  for (const difference of undocumented.slice(0, limit)) {
    console.log(`differs: ${difference.where} ${difference.path}: Debezium ${clip(difference.debezium)}, lab 4 ${clip(difference.bridge)}`);
  }
  if (undocumented.length > limit) console.log(`… and ${undocumented.length - limit} more`);
  console.log(`compared ${compared} Debezium record(s) with lab 4's: ${undocumented.length} undocumented difference(s)`);
}

function clip(text: string, length = 80): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
