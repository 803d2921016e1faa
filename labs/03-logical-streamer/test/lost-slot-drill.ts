import { check, describeExit, fail, TestDatabase, type StageContext } from '@cdc-lab/grading';
import { lineFormats } from './contract.ts';
import { slotState, waitForSlotReleased } from './slot-watch.ts';
import { StreamerRun } from './streamer-run.ts';
import { commit, createUsers, insertUser } from './workload.ts';

/**
 * What the two slot-safety stages share: a Postgres of the stage's own (the settings and the
 * forced checkpoints would invalidate other tests' slots on a shared server), a slot that has
 * streamed once and then goes unread, `status` read against pg_replication_slots, and the
 * runbook checked and then followed.
 */
export type WalStatus = 'reserved' | 'extended' | 'unreserved' | 'lost';

export interface Drill {
  db: TestDatabase;
  /** The program's environment: the private server's database. */
  env: Record<string, string>;
  /** The slot's confirmed flush LSN when its reader stopped: what the runbook must say was lost after. */
  confirmed: string;
}

/** A private Postgres with `settings`, and a slot that streamed one transaction and was left. */
export async function unreadSlot(ctx: StageContext, settings: Record<string, string>, postgresMajor?: number): Promise<Drill> {
  const stack = await ctx.privateStack(['postgres'], postgresMajor ? { postgresMajor } : {});
  const db = await TestDatabase.create(stack.env.DATABASE_URL!, ctx.names.database);
  ctx.onCleanup(() => db.drop());
  for (const [name, value] of Object.entries(settings)) await db.query(`ALTER SYSTEM SET ${name} = '${value}'`);
  await db.query('SELECT pg_reload_conf()');
  await waitForSettings(db, settings);
  const env = { DATABASE_URL: db.url };

  const run = await StreamerRun.start(ctx, { env });
  await createUsers(db);
  const printed = await commit(db, [insertUser(1, 'Douglas')]);
  await run.waitForTransaction(printed.xid);
  await run.interrupt();
  await waitForSlotReleased(db, run);
  const confirmed = (await slotState(db, ctx.names.slot))?.confirmedFlushLsn?.toString();
  if (!confirmed) fail({ expected: `slot '${ctx.names.slot}' with a confirmed position`, got: 'none', docs: ctx.stage.docs });
  return { db, env, confirmed };
}

/** pg_reload_conf() signals the server; sessions see the settings once it has reloaded. */
async function waitForSettings(db: TestDatabase, settings: Record<string, string>): Promise<void> {
  const names = Object.keys(settings);
  for (let attempt = 0; attempt < 50; attempt++) {
    const result = await db.query<{ name: string; value: string }>('SELECT name, current_setting(name) AS value FROM unnest($1::text[]) AS name', [names]);
    const reloaded = result.rows.every((row) => normalise(row.value) === normalise(settings[row.name]!));
    if (reloaded) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the private Postgres did not take ${names.join(', ')}`);
}

const normalise = (value: string): string => value.toLowerCase().replace(/\s+/g, '');

export async function walStatus(drill: Drill, slot: string): Promise<{ walStatus: WalStatus; reason: string | null }> {
  const result = await drill.db.query<{ wal_status: WalStatus; reason: string | null }>(
    "SELECT wal_status, to_jsonb(s) ->> 'invalidation_reason' AS reason FROM pg_replication_slots s WHERE slot_name = $1",
    [slot],
  );
  const row = result.rows[0];
  if (!row) fail({ expected: `slot '${slot}' in pg_replication_slots`, got: 'no such slot', docs: 'docs/03-logical-streamer.md#when-the-slot-loses-its-wal' });
  return { walStatus: row.wal_status, reason: row.reason };
}

/** Run `status` and require the WAL status Postgres reports. */
export async function expectStatus(ctx: StageContext, drill: Drill, state: WalStatus): Promise<void> {
  const label = `\`status\` (slot ${state})`;
  const command = StreamerRun.launch(ctx, { args: ['status'], env: drill.env, label });
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

/**
 * The streamer on the invalidated slot: it must stop, say what was lost (everything after the
 * confirmed position) and why, and give the runbook. Then the runbook, followed: `drop`, and a
 * new streamer on a new slot streams.
 */
export async function expectRunbook(ctx: StageContext, drill: Drill, why: { pattern: RegExp; says: string }): Promise<void> {
  const refused = StreamerRun.launch(ctx, { env: drill.env, label: 'your program (on the invalidated slot)' });
  const exit = await refused.finished('the program to stop: its slot can no longer be read');
  const said = refused.output();
  check(exit.code !== 0 && said.includes(ctx.names.slot) && lineFormats.slotLost.pattern.test(said) && lineFormats.slotLostRunbook.pattern.test(said), {
    expected: `a non-zero exit and a message that names slot '${ctx.names.slot}' as invalidated (or lost), with the runbook: drop it, start again, take a new snapshot`,
    got: describeExit(exit),
    hint: 'START_REPLICATION fails with SQLSTATE 55000 and a detail saying the slot "has been invalidated"; no retry helps, so say what happened and what to do',
    docs: ctx.stage.docs,
    transcript: refused.transcript(),
  });
  check(said.includes(drill.confirmed), {
    expected: `the message to say what was lost: every change committed after the slot's confirmed flush LSN, ${drill.confirmed}`,
    got: 'no such position in it',
    hint: 'pg_replication_slots still shows an invalidated slot, with its confirmed_flush_lsn',
    docs: ctx.stage.docs,
    transcript: refused.transcript(),
  });
  check(why.pattern.test(said), {
    expected: `the message to say why the slot was invalidated: ${why.says}`,
    got: 'no reason in it',
    hint: "Postgres's detail names the reason; Postgres 17 and later also show it in pg_replication_slots.invalidation_reason",
    docs: ctx.stage.docs,
    transcript: refused.transcript(),
  });

  const dropped = StreamerRun.launch(ctx, { args: ['drop'], env: drill.env, label: '`drop` (of the invalidated slot)' });
  const dropExit = await dropped.finished('`drop` to drop the invalidated slot');
  check(dropExit.code === 0, { expected: '`drop` to drop an invalidated slot (exit code 0)', got: describeExit(dropExit), docs: ctx.stage.docs, transcript: dropped.transcript() });
  const again = await StreamerRun.start(ctx, { env: drill.env, label: 'your program (on a new slot)' });
  const after = await commit(drill.db, [insertUser(2, 'Ada')]);
  await again.waitForTransaction(after.xid);
}
