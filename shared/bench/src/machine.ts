import fs from 'node:fs';
import os from 'node:os';

/** One line about the machine, for the results page: numbers mean little without it. */
export function describeMachine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memoryGiB = Math.round(os.totalmem() / 1024 ** 3);
  return `${os.cpus().length} × ${cpu}, ${memoryGiB} GiB RAM, ${os.type()} ${os.release()}, ${storage()}`;
}

function storage(): string {
  try {
    const rotational = fs.readdirSync('/sys/block').filter((device) => !device.startsWith('loop'))
      .map((device) => fs.readFileSync(`/sys/block/${device}/queue/rotational`, 'utf8').trim());
    return rotational.includes('1') ? 'disk reported as rotational by the kernel' : 'non-rotational disk';
  } catch {
    return 'disk unknown';
  }
}
