import { describe, expect, it } from 'vitest';
import { cpuTicks, ProcessSampler, residentBytes } from '../src/measure/process-sampler.ts';

describe('the process sampler', () => {
  it('reads CPU time and resident memory of a live process, and nothing of a gone one', () => {
    expect(cpuTicks(process.pid)).toBeGreaterThan(0);
    expect(residentBytes(process.pid)).toBeGreaterThan(10 * 1024 * 1024);
    expect(cpuTicks(4_194_305)).toBeUndefined();
  });

  it('counts the CPU a process uses while watched', () => {
    const sampler = new ProcessSampler().start([process.pid]);
    // Spin until this process has used 0.3 s of CPU, however busy the machine is.
    const before = process.cpuUsage();
    let spin = 0;
    const used = () => { const u = process.cpuUsage(before); return (u.user + u.system) / 1e6; };
    while (used() < 0.3) spin += Math.sqrt(spin + 1);
    const measured = used();
    const usage = sampler.stop().get(process.pid)!;
    expect(spin).toBeGreaterThan(0);
    // /proc counts in ticks of 10 ms; allow two of them either way.
    expect(usage.cpuSeconds).toBeGreaterThanOrEqual(measured - 0.02);
    expect(usage.cpuSeconds).toBeLessThanOrEqual(measured + 0.05);
    expect(usage.peakRssBytes).toBeGreaterThan(0);
  });
});
