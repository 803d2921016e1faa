import crypto from 'node:crypto';

/**
 * Names that cannot collide between tests running at the same time against one stack.
 * Every name starts with `g<pid of the test run>_`, so that a later run can recognise — and
 * clean up — what an earlier run left behind when it was killed.
 */
export interface TestNames {
  /** Short unique id of this test: lower-case letters and digits. */
  id: string;
  database: string;
  slot: string;
  publication: string;
  topicPrefix: string;
  transactionalId: string;
}

export const RUN_PREFIX = 'g';

export function runOwnerPid(): number {
  // Vitest's workers are children of the run's main process; the names carry the main pid.
  return Number(process.env.CDC_LAB_RUN_PID ?? process.ppid);
}

export function testNames(lab: number, stage: string): TestNames {
  const stem = stage.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 20);
  const id = `${RUN_PREFIX}${runOwnerPid()}_l${lab}_${stem}_${crypto.randomBytes(3).toString('hex')}`;
  return {
    id,
    database: id,
    // Slot names allow only lower-case letters, digits and underscores, up to 63 bytes.
    slot: `${id}_slot`.slice(0, 63),
    publication: `${id}_pub`,
    topicPrefix: id.replaceAll('_', '-'),
    transactionalId: `${id}-txn`,
  };
}

/** The pid that created a name made by testNames, or undefined for other names. */
export function ownerOf(name: string): number | undefined {
  const match = new RegExp(`^${RUN_PREFIX}(\\d+)_l\\d+_`).exec(name);
  return match ? Number(match[1]) : undefined;
}
