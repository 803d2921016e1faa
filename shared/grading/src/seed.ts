/**
 * Seeded randomness for graders, so that a failing random workload can be replayed exactly:
 * the seed is printed with every failure, and CDC_LAB_SEED=<seed> runs the same one again.
 */
export interface Random {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

export function seededRandom(seed = seedFromEnv()): Random {
  // mulberry32: tiny, fast and good enough to shuffle a workload; not for cryptography.
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    chance: (probability) => next() < probability,
  };
}

export function seedFromEnv(env: Record<string, string | undefined> = process.env): number {
  const fixed = env.CDC_LAB_SEED;
  if (fixed !== undefined && fixed !== '') {
    const seed = Number(fixed);
    if (!Number.isInteger(seed) || seed < 0) throw new RangeError(`CDC_LAB_SEED must be a non-negative integer, not ${fixed}`);
    return seed;
  }
  return Math.floor(Math.random() * 2 ** 31);
}
