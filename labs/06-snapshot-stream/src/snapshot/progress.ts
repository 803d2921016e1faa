import cliProgress from 'cli-progress';

/** Without a TTY (a log file, the grader), one plain line at most this often. */
const LINE_INTERVAL_MS = 1_000;

/**
 * Snapshot progress: rows done, rows per second, time left. On a terminal, a cli-progress bar
 * redrawn in place; elsewhere a plain line now and then, which a log keeps readable.
 */
export class SnapshotProgress {
  private readonly bar: cliProgress.SingleBar | null;
  private readonly started = performance.now();
  private lastLine = 0;
  private done = 0;

  constructor(private readonly table: string, private readonly total: number) {
    this.bar = process.stdout.isTTY
      ? new cliProgress.SingleBar({ format: `${table} [{bar}] {value}/{total} rows | {speed} rows/s | ETA {eta_formatted}`, hideCursor: true }, cliProgress.Presets.shades_classic)
      : null;
    this.bar?.start(Math.max(total, 1), 0, { speed: 0 });
  }

  advance(rows: number): void {
    this.done += rows;
    const seconds = (performance.now() - this.started) / 1000;
    const speed = seconds > 0 ? Math.round(this.done / seconds) : 0;
    if (this.bar) {
      this.bar.update(this.done, { speed });
      return;
    }
    const now = performance.now();
    if (now - this.lastLine < LINE_INTERVAL_MS) return;
    this.lastLine = now;
    const eta = speed > 0 ? Math.max(0, Math.round((this.total - this.done) / speed)) : '?';
    console.log(`Snapshot progress: ${this.table} ${this.done}/${this.total} rows (${speed} rows/s, ETA ${eta} s)`);
  }

  finish(): void {
    this.bar?.stop();
  }
}
