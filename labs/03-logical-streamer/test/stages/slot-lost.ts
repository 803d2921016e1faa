import { check, describeExit, fail, TestDatabase, type Stage, type StageContext } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { slotState, waitForSlotReleased } from '../slot-watch.ts';
import { StreamerRun } from '../streamer-run.ts';
import { commit, createUsers, insertUser } from '../workload.ts';

/**
 * The runbook's first incident: the consumer is down while WAL grows. With
 * max_slot_wal_keep_size set, Postgres stops keeping WAL for the slot past that size, and the
 * slot goes reserved → extended → unreserved → lost. `status` must show each state as Postgres
 * reports it, and a streamer started on the lost slot must stop with what was lost and the
 * runbook, which the stage then follows: drop, start again, stream.
 *
 * It runs on a Postgres of its own: the cap and the forced checkpoints would invalidate other
 * tests' slots on a shared server. The WAL is moved on a segment at a time with
 * pg_switch_wal(), with a CHECKPOINT before each switch, so that Postgres never starts one of
 * its own: the slot then stays unreserved (past the cap, not yet removed) until the stage's
 * last CHECKPOINT removes its WAL.
 */
const SETTINGS = {
  // Extended begins beyond max_wal_size (6 segments), unreserved beyond the cap (10).
  max_wal_size: '96MB',
  max_slot_wal_keep_size: '160MB',
  wal_keep_size: '0',
  checkpoint_timeout: '1h',
} as const;
const STATES = ['reserved', 'extended', 'unreserved', 'lost'] as const;
type WalStatus = (typeof STATES)[number];

export const slotLost: Stage = {
  slug: 'slot-lost',
  title: 'with max_slot_wal_keep_size set, `status` follows an unread slot from reserved to lost, and the streamer stops on it with the runbook',
  docs: 'docs/03-logical-streamer.md#when-the-slot-loses-its-wal',
  extension: true,
  timeoutMs: 150_000,
  async run(ctx) {
    const stack = await ctx.privateStack(['postgres']);
    const admin = stack.env.DATABASE_URL!;
    const db = await TestDatabase.create(admin, ctx.names.database);
    ctx.onCleanup(() => db.drop());
    for (const [name, value] of Object.entries(SETTINGS)) await db.query(`ALTER SYSTEM SET ${name} = '${value}'`);
    await db.query('SELECT pg_reload_conf()');
    await waitForSettings(db);
    const env = { DATABASE_URL: db.url };

    const run = await StreamerRun.start(ctx, { env });
    await createUsers(db);
    const printed = await commit(db, [insertUser(1, 'Douglas')]);
    await run.waitForTransaction(printed.xid);
    await run.interrupt();
    await waitForSlotReleased(db, run);
    const confirmed = (await slotState(db, ctx.names.slot))?.confirmedFlushLsn?.toString();

    // Walk the WAL forward with nobody reading, reading `status` at the first sight of each state.
    let state = await walStatus(db, ctx.names.slot);
    await expectStatus(ctx, env, state);
    for (const next of STATES.slice(1, 3)) {
      for (let segments = 0; state !== next; segments++) {
        if (segments > 16) fail({ expected: `wal_status ${next}`, got: `still ${state} after ${segments} more WAL segments`, hint: 'the stage\'s own settings did not take effect', docs: ctx.stage.docs });
        await db.query('CHECKPOINT');
        await db.query('SELECT pg_switch_wal()');
        state = await walStatus(db, ctx.names.slot);
      }
      await expectStatus(ctx, env, state);
    }
    await db.query('CHECKPOINT');
    state = await walStatus(db, ctx.names.slot);
    if (state !== 'lost') fail({ expected: 'wal_status lost after the checkpoint', got: state, hint: 'the stage could not invalidate the slot', docs: ctx.stage.docs });
    await expectStatus(ctx, env, state);

    const refused = StreamerRun.launch(ctx, { env, label: 'your program (on the lost slot)' });
    const exit = await refused.finished('the program to stop: its slot can no longer be read');
    const said = refused.output();
    check(exit.code !== 0 && said.includes(ctx.names.slot) && lineFormats.slotLost.pattern.test(said) && lineFormats.slotLostRunbook.pattern.test(said), {
      expected: `a non-zero exit and a message that names slot '${ctx.names.slot}' as invalidated (or lost), with the runbook: drop it, start again, take a new snapshot`,
      got: describeExit(exit),
      hint: 'START_REPLICATION fails with SQLSTATE 55000 and a detail saying the slot "has been invalidated"; no retry helps, so say what happened and what to do',
      docs: ctx.stage.docs,
      transcript: refused.transcript(),
    });
    check(confirmed !== undefined && said.includes(confirmed), {
      expected: `the message to say what was lost: every change committed after the slot's confirmed flush LSN, ${confirmed ?? '?'}`,
      got: 'no such position in it',
      hint: 'pg_replication_slots still shows an invalidated slot, with its confirmed_flush_lsn',
      docs: ctx.stage.docs,
      transcript: refused.transcript(),
    });

    // The runbook, followed: drop the slot, start again on a new one, stream.
    const dropped = StreamerRun.launch(ctx, { args: ['drop'], env, label: '`drop` (of the lost slot)' });
    const dropExit = await dropped.finished('`drop` to drop the lost slot');
    check(dropExit.code === 0, { expected: '`drop` to drop an invalidated slot (exit code 0)', got: describeExit(dropExit), docs: ctx.stage.docs, transcript: dropped.transcript() });
    const again = await StreamerRun.start(ctx, { env, label: 'your program (on a new slot)' });
    const after = await commit(db, [insertUser(2, 'Ada')]);
    await again.waitForTransaction(after.xid);
  },
};

async function walStatus(db: TestDatabase, slot: string): Promise<WalStatus> {
  const result = await db.query<{ wal_status: WalStatus }>('SELECT wal_status FROM pg_replication_slots WHERE slot_name = $1', [slot]);
  const status = result.rows[0]?.wal_status;
  if (!status) fail({ expected: `slot '${slot}' in pg_replication_slots`, got: 'no such slot', docs: 'docs/03-logical-streamer.md#when-the-slot-loses-its-wal' });
  return status;
}

/** pg_reload_conf() signals the server; new sessions see the settings once it has reloaded. */
async function waitForSettings(db: TestDatabase): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const result = await db.query<{ setting: string }>("SELECT setting FROM pg_settings WHERE name = 'max_slot_wal_keep_size'");
    if (result.rows[0]?.setting === String(160)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the private Postgres did not take max_slot_wal_keep_size');
}

/** Run `status` and require the WAL status Postgres reports. */
async function expectStatus(ctx: StageContext, env: Record<string, string>, state: WalStatus): Promise<void> {
  const label = `\`status\` (slot ${state})`;
  const command = StreamerRun.launch(ctx, { args: ['status'], env, label });
  const exit = await command.finished(`${label} to print the slot's status and exit`);
  const shown = lineFormats.statusWalStatus.pattern.exec(command.output())?.[1];
  check(exit.code === 0 && shown === state, {
    expected: `${label} to exit with code 0 and show "WAL status: ${state}" (pg_replication_slots.wal_status)`,
    got: `${describeExit(exit)}, WAL status ${shown ?? 'not shown'}`,
    hint: state === 'lost' ? 'an invalidated slot has no restart LSN and retains nothing, but it is still a slot: show its wal_status' : 'read wal_status from pg_replication_slots and print it on a line "WAL status: <state>"',
    docs: ctx.stage.docs,
    transcript: command.transcript(),
  });
}
