import type { SummaryRow } from './summary.ts';
import { formatSpread } from './summary.ts';

export interface Table {
  title: string;
  header: string[];
  rows: string[][];
}

/** Throughput tables (one per backlog workload) and the latency table of the steady workload. */
export function resultTables(rows: readonly SummaryRow[], labelOf: (contender: string) => string): Table[] {
  const tables: Table[] = [];
  const workloads = [...new Set(rows.map((row) => row.workload))];
  for (const workload of workloads) {
    const ofWorkload = rows.filter((row) => row.workload === workload);
    const changes = ofWorkload[0]!.changes.toLocaleString('en-US');
    if (workload === 'steady') {
      tables.push({
        title: `steady: ${changes} one-row transactions at a fixed rate; latency from commit to broker append, ms`,
        header: ['contender', 'p50', 'p95', 'p99', 'max', 'client CPU s', 'walsender CPU s', 'broker CPU s'],
        rows: ofWorkload.filter((row) => row.latencyMs).map((row) => [
          labelOf(row.contender),
          formatSpread(row.latencyMs!.p50, 1),
          formatSpread(row.latencyMs!.p95, 1),
          formatSpread(row.latencyMs!.p99, 1),
          formatSpread(row.latencyMs!.max, 1),
          formatSpread(row.clientCpuSeconds, 2),
          formatSpread(row.walsenderCpuSeconds, 2),
          formatSpread(row.brokerCpuSeconds, 2),
        ]),
      });
      continue;
    }
    tables.push({
      title: `${workload}: ${changes} changes`,
      header: ['contender', 'changes/s', 'drain s', 'client CPU s', 'walsender CPU s', 'broker CPU s', 'client peak RSS MB', 'startup s', 'extra records'],
      rows: ofWorkload.map((row) => [
        labelOf(row.contender),
        formatSpread(row.rate),
        formatSpread(row.drainSeconds, 2),
        formatSpread(row.clientCpuSeconds, 2),
        formatSpread(row.walsenderCpuSeconds, 2),
        formatSpread(row.brokerCpuSeconds, 2),
        formatSpread(row.clientPeakRssMb),
        formatSpread(row.startupSeconds, 2),
        row.extraRecords === undefined ? '—' : row.extraRecords.toLocaleString('en-US'),
      ]),
    });
  }
  return tables;
}

/** Columns padded for a terminal. */
export function plainTable(table: Table): string {
  const all = [table.header, ...table.rows];
  const widths = table.header.map((_, column) => Math.max(...all.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [table.title, line(table.header), widths.map((width) => '─'.repeat(width)).join('  '), ...table.rows.map(line)].join('\n');
}

export function markdownTable(table: Table): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [
    `**${table.title}**`,
    '',
    `| ${table.header.map(escape).join(' | ')} |`,
    `|${table.header.map((_, column) => (column === 0 ? '---' : '---:')).join('|')}|`,
    ...table.rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}
