import { colour } from '@cdc-lab/common';

const WIDTH = 92;

/**
 * How a demo speaks. Narration is plain text at the margin; everything else is indented and
 * marked by who speaks, so that the story and the program are never confused:
 *
 *   The poller asks the table…                  narration
 *   → Look for: Bob Smith never appears…        what to notice
 *   ▶ pnpm lab 1 --interval 500                 what the demo does (start, Ctrl-C, kill -9)
 *     sql> INSERT INTO poller.users …           a statement, before it runs
 *          INSERT 0 1                           and what Postgres answered
 *     poller │ Polling... Found 1 change …     the program's own output, as it comes
 *     ✔ the poller reported Bob                 a wait or check that passed
 *       slot 'cdc_lab_demo_03': inactive, …     a reading the demo made (a topic, a slot)
 */
export class Narrator {
  private labelWidth = 6;

  constructor(private readonly write: (line: string) => void = (line) => console.log(line)) {}

  /** Program labels are padded to the longest, so that their output lines up. */
  setLabels(labels: readonly string[]): void {
    this.labelWidth = Math.max(6, ...labels.map((label) => label.length));
  }

  header(title: string, details: readonly string[]): void {
    this.write(colour.bold(title));
    for (const detail of details) this.write(colour.dim(detail));
  }

  narrate(text: string): void {
    this.write('');
    for (const line of wrap(text, WIDTH)) this.write(line);
  }

  look(text: string): void {
    const lines = wrap(text, WIDTH - 13);
    lines.forEach((line, index) => this.write(index === 0 ? `${colour.yellow('→ Look for:')} ${line}` : `             ${line}`));
  }

  action(text: string): void {
    this.write(colour.magenta(`▶ ${text}`));
  }

  sql(statement: string, note?: string): void {
    statement.split('\n').forEach((line, index) => this.write(`  ${colour.cyan(index === 0 ? 'sql>' : '    ')} ${colour.cyan(line)}`));
    if (note) this.write(colour.dim(`       -- ${note}`));
  }

  sqlResult(line: string): void {
    this.write(colour.dim(`       ${line}`));
  }

  program(label: string, line: string, stream: 'stdout' | 'stderr'): void {
    const tag = `  ${label.padEnd(this.labelWidth)} │`;
    this.write(`${stream === 'stderr' ? colour.yellow(tag) : colour.dim(tag)} ${line}`);
  }

  passed(what: string): void {
    this.write(`  ${colour.green('✔')} ${what}`);
  }

  reading(line: string): void {
    this.write(`    ${line}`);
  }

  note(text: string): void {
    this.write(colour.dim(text));
  }

  failed(message: string): void {
    this.write('');
    this.write(colour.red(colour.bold('✘ The demo stopped: what it expected did not happen.')));
    for (const line of message.split('\n')) this.write(`  ${line}`);
  }
}

/** Break text into lines of at most `width` characters, at spaces. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(current);
  return lines;
}
