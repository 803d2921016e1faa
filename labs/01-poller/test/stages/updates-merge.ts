import { setTimeout as sleep } from 'node:timers/promises';
import { check, fail, type Stage, type TestDatabase } from '@cdc-lab/grading';
import { insertUser, renameUser } from '../demo-rows.ts';
import { describeRows } from '../poll-output.ts';
import { PollerRun } from '../poller-run.ts';

/**
 * A poll sees the state of a row, not what happened to it: two updates between polls arrive
 * as one change carrying the last value. To put both updates certainly between two polls,
 * the grader freezes the program (SIGSTOP) while no query of its is running, updates twice,
 * and lets it go on (SIGCONT).
 */
export const updatesMerge: Stage = {
  slug: 'updates-merge',
  title: 'two updates between polls show as one change with the last value',
  docs: 'docs/01-poller.md#intermediate-states',
  async run(ctx) {
    const poller = PollerRun.start(ctx);
    await poller.nextPolls(1);
    const alice = await insertUser(ctx.db, 'Alice v1');
    await poller.waitForRow((row) => row.id === alice.id, { what: `a poll to report User(id=${alice.id}, name='Alice v1')` });

    poller.process.signal('SIGSTOP');
    ctx.onCleanup(() => poller.process.signal('SIGCONT'));
    await waitUntilNoQueryRuns(ctx.db);

    await renameUser(ctx.db, alice.id, 'Alice v2');
    const last = await renameUser(ctx.db, alice.id, 'Alice v3');
    check(last.updatedAt > alice.updatedAt, {
      expected: `UPDATE to move updated_at forward (from ${alice.updatedAt})`,
      got: `updated_at still ${last.updatedAt} after two UPDATEs of User(id=${alice.id})`,
      hint: 'a BEFORE UPDATE trigger must set updated_at := now(); a column DEFAULT only applies to INSERT, so every UPDATE is invisible to the poller',
      docs: 'docs/01-poller.md#the-demo-table',
    });

    const mark = poller.mark;
    poller.process.signal('SIGCONT');
    const merged = await poller.waitForRow((row) => row.id === alice.id, {
      from: mark,
      what: `a poll after the two UPDATEs to report User(id=${alice.id}, name='Alice v3')`,
    });
    await poller.nextPolls(2, { from: merged.end });
    const versions = poller.rowsReported(mark).filter((row) => row.id === alice.id);
    check(versions.length === 1 && versions[0]!.name === 'Alice v3', {
      expected: `exactly one change for User(id=${alice.id}), with its last name 'Alice v3': the intermediate 'Alice v2' was never there when a poll looked`,
      got: describeRows(versions),
      docs: poller.docs,
      transcript: poller.transcript(),
    });
  },
};

/** Wait until no other session of this database is running a query (the frozen poller's last one has finished). */
async function waitUntilNoQueryRuns(db: TestDatabase): Promise<void> {
  let quietChecks = 0;
  const deadline = Date.now() + 5_000;
  while (quietChecks < 2) {
    const result = await db.query<{ busy: number }>(
      `SELECT count(*)::int AS "busy" FROM pg_stat_activity
        WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
    );
    quietChecks = result.rows[0]!.busy === 0 ? quietChecks + 1 : 0;
    if (Date.now() > deadline) {
      fail({ expected: 'the frozen program (SIGSTOP) to have no query running within 5 s', got: 'a query still running', hint: 'is another session using this database?' });
    }
    await sleep(25);
  }
}
