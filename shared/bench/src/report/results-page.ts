import fs from 'node:fs';
import type { Contender } from '../contenders/contender.ts';
import type { WorkloadSizes } from '../workloads.ts';
import { mermaidBars, throughputBars } from './chart.ts';
import type { SummaryRow } from './summary.ts';
import { markdownTable, resultTables } from './tables.ts';

export interface BenchRunInfo {
  command: string;
  date: string;
  machine: string;
  software: string;
  sizes: WorkloadSizes;
  runs: number;
  partitions: number;
  contenders: Contender[];
}

const START = '<!-- bench:results:start (written by pnpm bench; edit the text around it, not inside) -->';
const END = '<!-- bench:results:end -->';

/**
 * Put the results into the page between its two markers, leaving the hand-written explanation
 * around them alone; a page without markers gets them appended.
 */
export function writeResultsPage(file: string, info: BenchRunInfo, rows: readonly SummaryRow[], labelOf: (id: string) => string): void {
  const section = [START, '', resultsMarkdown(info, rows, labelOf), '', END].join('\n');
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = existing.indexOf(START);
  const end = existing.indexOf(END);
  const next = start >= 0 && end > start
    ? `${existing.slice(0, start)}${section}${existing.slice(end + END.length)}`
    : `${existing.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
}

export function resultsMarkdown(info: BenchRunInfo, rows: readonly SummaryRow[], labelOf: (id: string) => string): string {
  const parts = [
    `Measured on ${info.date} with \`${info.command}\`.`,
    '',
    `- Machine: ${info.machine}.`,
    `- Software: ${info.software}.`,
    `- Runs: ${info.runs} per workload and contender; each figure is the median, with the lowest and highest run in brackets. Topics: ${info.partitions} partition(s), \`message.timestamp.type=LogAppendTime\`.`,
    '- Contenders:',
    ...info.contenders.map((contender) => `  - ${contender.label}: ${contender.settings}.`),
    '',
  ];
  if (rows.some((row) => row.workload === 'backlog')) {
    parts.push(mermaidBars('backlog: changes per second (median)', 'changes per second', throughputBars(rows, 'backlog', labelOf)), '');
  }
  for (const table of resultTables(rows, labelOf)) parts.push(markdownTable(table), '');
  return parts.join('\n').trimEnd();
}
