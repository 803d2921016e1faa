import fs from 'node:fs';

/**
 * Resident memory of a program as the kernel counts it, summed over its process group (the
 * grader starts each program as a group leader, so a wrapper script and the process it runs
 * count together). VmRSS is the memory resident now; VmHWM, the most it has ever had.
 */
export function groupMemory(leader: number): { rssMb: number; peakMb: number } {
  let rss = 0;
  let peak = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid pgrp …: comm may hold spaces, so read after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== leader) continue;
      const status = fs.readFileSync(`/proc/${entry}/status`, 'utf8');
      rss += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
      peak += Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return { rssMb: Math.round(rss / 1024), peakMb: Math.round(peak / 1024) };
}

/** Samples a process group's memory on a timer; `peakMb` is the most seen, VmHWM included. */
export class MemoryWatch {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly leader: number, everyMs = 200) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }

  sample(): number {
    const { rssMb, peakMb } = groupMemory(this.leader);
    this.peak = Math.max(this.peak, rssMb, peakMb);
    return rssMb;
  }

  get peakMb(): number {
    return this.peak;
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}
