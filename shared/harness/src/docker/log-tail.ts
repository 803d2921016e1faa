import type { Readable } from 'node:stream';

/**
 * The last lines a container printed, kept while it starts. When it never becomes ready,
 * testcontainers stops and removes it (wait-for-container.js) before the error reaches us, so
 * `docker logs` has nothing left to show: these lines are what goes into the error instead.
 */
export class LogTail {
  private readonly kept: string[] = [];
  private partial = '';
  private stream: Readable | undefined;

  constructor(private readonly maxLines = 30) {}

  /** Given to testcontainers' withLogConsumer: the container's stdout and stderr, demuxed. */
  follow = (stream: Readable): void => {
    this.stream = stream;
    stream.on('data', (chunk: Buffer | string) => this.add(chunk.toString()));
    stream.on('error', () => {}); // a broken log stream must not fail the start
  };

  add(text: string): void {
    const lines = (this.partial + text).split(/\r?\n/);
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.keep(line);
  }

  /** The kept lines, the unfinished last one included. */
  lines(): string[] {
    return this.partial === '' ? [...this.kept] : [...this.kept, this.partial].slice(-this.maxLines);
  }

  /** Stop following (the container started: its logs stay available through Docker). */
  stop(): void {
    this.stream?.removeAllListeners('data');
    this.stream?.destroy();
    this.stream = undefined;
  }

  private keep(line: string): void {
    this.kept.push(line);
    if (this.kept.length > this.maxLines) this.kept.shift();
  }
}

/** The tail as it appears in an error: indented, with a line saying where it comes from. */
export function formatLogTail(service: string, lines: readonly string[]): string {
  if (lines.length === 0) return `no log lines were captured from the ${service} container (it may never have run)`;
  return [`last ${lines.length} line(s) the ${service} container printed before it was removed:`, ...lines.map((line) => `  | ${line}`)].join('\n');
}
