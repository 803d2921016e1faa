import fs from 'node:fs';

/**
 * CPU time and memory of running processes, read from /proc (Linux). The decoding half of every
 * pipeline runs inside Postgres, in the walsender serving its slot, so a fair comparison samples
 * that backend too, not only the client that receives its output.
 *
 * CPU is utime + stime in clock ticks (USER_HZ, 100 per second on Linux). Memory is the
 * resident set (VmRSS), sampled; its peak is the largest sample seen between start() and stop().
 */
const CLOCK_TICKS_PER_SECOND = 100;
const SAMPLE_INTERVAL_MS = 100;

export interface ProcessUsage {
  cpuSeconds: number;
  peakRssBytes: number;
}

interface Reading {
  first?: number;
  last?: number;
  peakRss: number;
}

export class ProcessSampler {
  private readonly readings = new Map<number, Reading>();
  private timer: NodeJS.Timeout | undefined;

  /** Start sampling these processes (more can be added later with watch()). */
  start(pids: readonly number[] = []): this {
    for (const pid of pids) this.watch(pid);
    this.timer = setInterval(() => this.sampleAll(), SAMPLE_INTERVAL_MS);
    this.timer.unref();
    return this;
  }

  watch(pid: number): void {
    if (this.readings.has(pid)) return;
    this.readings.set(pid, { peakRss: 0 });
    this.sample(pid);
  }

  /** Take a last sample and report per process: CPU used while watched, and the RSS peak. */
  stop(): Map<number, ProcessUsage> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sampleAll();
    const usage = new Map<number, ProcessUsage>();
    for (const [pid, reading] of this.readings) {
      const ticks = reading.first === undefined || reading.last === undefined ? 0 : reading.last - reading.first;
      usage.set(pid, { cpuSeconds: ticks / CLOCK_TICKS_PER_SECOND, peakRssBytes: reading.peakRss });
    }
    return usage;
  }

  private sampleAll(): void {
    for (const pid of this.readings.keys()) this.sample(pid);
  }

  private sample(pid: number): void {
    const reading = this.readings.get(pid)!;
    const ticks = cpuTicks(pid);
    // A process that has exited keeps its last reading: that is the most it ever used.
    if (ticks === undefined) return;
    reading.first ??= ticks;
    reading.last = ticks;
    reading.peakRss = Math.max(reading.peakRss, residentBytes(pid) ?? 0);
  }
}

/** utime + stime of a process, or undefined once it is gone. */
export function cpuTicks(pid: number): number | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count from after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
  if (fields[0] === 'Z') return undefined;
  return Number(fields[11]) + Number(fields[12]);
}

export function residentBytes(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
