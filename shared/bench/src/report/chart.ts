import type { SummaryRow } from './summary.ts';

export interface Bar {
  label: string;
  value: number;
}

export function throughputBars(rows: readonly SummaryRow[], workload: string, labelOf: (contender: string) => string): Bar[] {
  return rows.filter((row) => row.workload === workload).map((row) => ({ label: labelOf(row.contender), value: row.rate.median }));
}

/** A horizontal bar chart in block characters, for the terminal. */
export function terminalBars(title: string, bars: readonly Bar[], width = 40): string {
  if (bars.length === 0) return '';
  const longest = Math.max(...bars.map((bar) => bar.label.length));
  const top = Math.max(...bars.map((bar) => bar.value));
  const lines = bars.map((bar) => {
    const length = top > 0 ? Math.max(1, Math.round((bar.value / top) * width)) : 0;
    return `${bar.label.padEnd(longest)}  ${'█'.repeat(length)} ${Math.round(bar.value).toLocaleString('en-US')}`;
  });
  return [title, ...lines].join('\n');
}

/** The same chart as a Mermaid xychart, which GitHub and most Markdown viewers draw. */
export function mermaidBars(title: string, axis: string, bars: readonly Bar[]): string {
  const quote = (text: string) => `"${text.replace(/"/g, "'")}"`;
  return [
    '```mermaid',
    'xychart-beta',
    `  title ${quote(title)}`,
    `  x-axis [${bars.map((bar) => quote(bar.label)).join(', ')}]`,
    `  y-axis ${quote(axis)}`,
    `  bar [${bars.map((bar) => Math.round(bar.value)).join(', ')}]`,
    '```',
  ].join('\n');
}
