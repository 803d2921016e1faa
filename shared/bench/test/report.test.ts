import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mermaidBars, terminalBars } from '../src/report/chart.ts';
import { writeResultsPage, type BenchRunInfo } from '../src/report/results-page.ts';
import { formatSpread, summarize } from '../src/report/summary.ts';
import { markdownTable, plainTable, resultTables } from '../src/report/tables.ts';
import type { RunRecord } from '../src/run-contender.ts';
import { QUICK_SIZES } from '../src/workloads.ts';

function record(contender: string, run: number, changesPerSecond: number, extra: Partial<RunRecord> = {}): RunRecord {
  return {
    workload: 'backlog', contender, run, changes: 3000, startupSeconds: 0.5, drainSeconds: 3000 / changesPerSecond,
    changesPerSecond, clientCpuSeconds: 1, walsenderCpuSeconds: 0.2, brokerCpuSeconds: 0.5, clientPeakRssBytes: 100 * 1024 * 1024, ...extra,
  };
}

const records = [
  record('lab4', 1, 20_000, { delivered: 3000 }), record('lab4', 2, 18_000, { delivered: 3002 }), record('lab4', 3, 22_000, { delivered: 3000 }),
  record('pg_recvlogical', 1, 100_000), record('pg_recvlogical', 2, 90_000), record('pg_recvlogical', 3, 110_000),
];
const labelOf = (id: string) => ({ lab4: 'lab 4', pg_recvlogical: 'pg_recvlogical' })[id] ?? id;

describe('the results summary', () => {
  it('gives medians with the spread, and the most extra records of any run', () => {
    const rows = summarize(records);
    const lab4 = rows.find((row) => row.contender === 'lab4')!;
    expect(lab4.rate).toEqual({ median: 20_000, min: 18_000, max: 22_000, runs: 3 });
    expect(lab4.extraRecords).toBe(2);
    expect(rows.find((row) => row.contender === 'pg_recvlogical')!.extraRecords).toBeUndefined();
    expect(formatSpread(lab4.rate)).toBe('20,000 (18,000–22,000)');
    expect(formatSpread({ median: 1.5, min: 1.5, max: 1.5, runs: 1 }, 2)).toBe('1.50');
  });

  it('prints a table per workload, in the terminal and in Markdown', () => {
    const [table] = resultTables(summarize(records), labelOf);
    expect(table!.title).toBe('backlog: 3,000 changes');
    expect(plainTable(table!)).toMatch(/lab 4\s+20,000 \(18,000–22,000\)/);
    const markdown = markdownTable(table!);
    expect(markdown).toContain('| contender | changes/s |');
    expect(markdown).toContain('|---|---:|');
  });

  it('draws bars proportional to the figures', () => {
    const chart = terminalBars('t', [{ label: 'a', value: 100 }, { label: 'b', value: 50 }], 10);
    expect(chart.split('\n')[1]).toBe(`a  ${'█'.repeat(10)} 100`);
    expect(chart.split('\n')[2]).toBe(`b  ${'█'.repeat(5)} 50`);
    expect(mermaidBars('t', 'y', [{ label: 'lab "4"', value: 1.6 }])).toContain('x-axis ["lab \'4\'"]');
  });
});

describe('the results page', () => {
  const info: BenchRunInfo = {
    command: 'pnpm bench', date: '2026-11-21', machine: 'm', software: 's', sizes: QUICK_SIZES, runs: 3, partitions: 1,
    contenders: [{ id: 'lab4', label: 'lab 4', plugin: 'pgoutput', sink: 'kafka', settings: 'defaults', start: () => { throw new Error('not started'); } }],
  };

  it('replaces only what lies between its markers, and appends them to a page without', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-page-')), 'benchmarks.md');
    fs.writeFileSync(file, '# Benchmarks\n\nHand-written introduction.\n');
    writeResultsPage(file, info, summarize(records), labelOf);
    const first = fs.readFileSync(file, 'utf8');
    expect(first).toMatch(/^# Benchmarks\n\nHand-written introduction\.\n\n<!-- bench:results:start/);
    expect(first).toContain('Measured on 2026-11-21 with `pnpm bench`.');
    expect(first).toContain('xychart-beta');

    fs.writeFileSync(file, `${first}\n## Reading the numbers\n\nMore prose.\n`);
    writeResultsPage(file, { ...info, date: '2026-12-01' }, summarize(records), labelOf);
    const second = fs.readFileSync(file, 'utf8');
    expect(second).toContain('Measured on 2026-12-01');
    expect(second).not.toContain('Measured on 2026-11-21');
    expect(second).toContain('## Reading the numbers\n\nMore prose.');
    expect(second.match(/bench:results:start/g)).toHaveLength(1);
  });
});
