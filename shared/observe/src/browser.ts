import fs from 'node:fs';
import { ConfigurationError } from '@cdc-lab/common';
import { chromium, type Browser } from 'playwright-core';

/** Where a Chromium may be: CDC_LAB_CHROMIUM first, then Debian's package and the usual names. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function chromiumPath(env: Record<string, string | undefined> = process.env): string | undefined {
  if (env.CDC_LAB_CHROMIUM) return env.CDC_LAB_CHROMIUM;
  return CANDIDATES.find((candidate) => fs.existsSync(candidate));
}

/**
 * Headless Chromium through playwright-core, which brings no browser of its own: the system's
 * (Debian: apt-get install chromium). As root, Chromium refuses to start without --no-sandbox.
 */
export async function launchChromium(env: Record<string, string | undefined> = process.env): Promise<Browser> {
  const executablePath = chromiumPath(env);
  if (!executablePath) {
    throw new ConfigurationError('no Chromium found to drive', {
      hint: 'install one (Debian: apt-get install -y chromium) or name it in CDC_LAB_CHROMIUM=/path/to/chromium',
    });
  }
  const asRoot = process.getuid?.() === 0;
  // /dev/shm is small in containers (64 MB under Docker): Chromium keeps its shared memory in /tmp instead.
  return chromium.launch({ executablePath, headless: true, args: ['--disable-dev-shm-usage', ...(asRoot ? ['--no-sandbox'] : [])] });
}
