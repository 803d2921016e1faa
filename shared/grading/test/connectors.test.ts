import { describe, expect, it } from 'vitest';
import { abandonedConnectorNames } from '../src/connectors.ts';
import { testNames } from '../src/names.ts';

describe('abandonedConnectorNames', () => {
  const alive = new Set([100, process.pid]);
  const isAlive = (pid: number) => alive.has(pid);

  it('picks the connectors of runs that are gone, and only those', () => {
    const names = [
      'g100-l9-register-abc123-postgres',    // a live run
      'g4242-l9-register-abc123-postgres',   // a dead run
      'g4242-l9-outbox-router-0f0f0f-outbox',
      'g4242-l9-compare-def456-compare-a1b2c3',
      'lab09-postgres',                      // a learner's
      'g4242_l9_register_abc123',            // a database-style name, not a connector's
      'gx-l9-register-postgres',
      'g4242-lab9-postgres',
      'demo09-outbox',
    ];
    expect(abandonedConnectorNames(names, isAlive)).toEqual([
      'g4242-l9-register-abc123-postgres',
      'g4242-l9-outbox-router-0f0f0f-outbox',
      'g4242-l9-compare-def456-compare-a1b2c3',
    ]);
  });

  it('recognises the names graders derive from testNames, and spares this run\'s', () => {
    const prefix = testNames(9, 'pause-resume').topicPrefix;
    expect(prefix.startsWith(`g${process.env.CDC_LAB_RUN_PID ?? process.ppid}-l9-`)).toBe(true);
    const ownerPid = Number(/^g(\d+)-/.exec(prefix)![1]);
    expect(abandonedConnectorNames([`${prefix}-postgres`], (pid) => pid === ownerPid)).toEqual([]);
    expect(abandonedConnectorNames([`${prefix}-postgres`], () => false)).toEqual([`${prefix}-postgres`]);
  });

  it('finds nothing in nothing', () => {
    expect(abandonedConnectorNames([], () => false)).toEqual([]);
  });
});
