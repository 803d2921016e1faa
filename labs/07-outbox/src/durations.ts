import { ConfigurationError } from '@cdc-lab/common';

const UNITS_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "90s", "15m", "1h", "7d", "0s" → milliseconds. A unit is required: "10" could mean anything. */
export function parseDuration(flag: string, text: string): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) {
    throw new ConfigurationError(`${flag} takes a duration such as 30s, 15m, 1h or 7d, not ${JSON.stringify(text)}`);
  }
  return Number(match[1]) * UNITS_MS[match[2] as keyof typeof UNITS_MS];
}

/** A whole number ≥ 0 from a flag (0 switches a periodic behaviour off). */
export function wholeNumber(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new ConfigurationError(`${flag} must be a whole number (0 or more), not ${JSON.stringify(value)}`);
  return Number(value);
}
