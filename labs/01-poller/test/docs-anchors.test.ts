import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const lab = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const chapter = fs.readFileSync(path.join(lab, '..', '..', 'docs', '01-poller.md'), 'utf8');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
function anchor(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s/g, '-');
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

describe('the chapter', () => {
  const anchors = new Set([...chapter.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchor(match[1]!)));

  it('has a heading for every section the code, the starter and the grader point to', () => {
    const cited = new Set<string>();
    for (const file of [...sources(path.join(lab, 'src')), ...sources(path.join(lab, 'starter')), ...sources(path.join(lab, 'test'))]) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/docs\/01-poller\.md#([a-z0-9-]+)/g)) cited.add(match[1]!);
    }
    expect(cited.size).toBeGreaterThan(5);
    for (const name of cited) expect(anchors, `#${name}`).toContain(name);
  });

  it('links only to its own headings', () => {
    for (const match of chapter.matchAll(/\]\(#([a-z0-9-]+)\)/g)) expect(anchors, `#${match[1]}`).toContain(match[1]!);
  });
});
