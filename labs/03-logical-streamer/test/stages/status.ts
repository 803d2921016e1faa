import { check, describeExit, type Stage } from '@cdc-lab/grading';
import type { Lsn } from '@cdc-lab/common';
import { lineFormats } from '../contract.ts';
import { slotState, waitForSlotReleased } from '../slot-watch.ts';
import { StreamerRun } from '../streamer-run.ts';
import { commit, createUsers, insertUser } from '../workload.ts';

/** The fields of `status` the grader reads (see the chapter's "Contract"). */
interface ReportedStatus {
  active: boolean;
  confirmed: string;
  restart: string;
  retainedBytes: bigint;
  level: string;
}

function parseStatus(text: string): ReportedStatus | undefined {
  const active = lineFormats.statusActive.pattern.exec(text)?.[1];
  const confirmed = lineFormats.statusConfirmed.pattern.exec(text)?.[1];
  const restart = lineFormats.statusRestart.pattern.exec(text)?.[1];
  const retained = lineFormats.statusRetained.pattern.exec(text);
  if (!active || !confirmed || !restart || !retained) return undefined;
  return { active: active === 'yes', confirmed, restart, retainedBytes: BigInt(retained[1]!), level: retained[2]! };
}

const FORMAT = `lines "active: yes|no", "confirmed flush LSN: <lsn>", "restart LSN: <lsn>" and "WAL retained: <size> (<n> bytes) — OK|WARNING|CRITICAL"`;

/** Run `status` and read its report. */
async function status(ctx: Parameters<Stage['run']>[0], label: string): Promise<ReportedStatus> {
  const command = StreamerRun.launch(ctx, { args: ['status'], label });
  const exit = await command.finished(`${label} to print the slot's status and exit`);
  check(exit.code === 0, {
    expected: `${label} to exit with code 0`,
    got: describeExit(exit),
    docs: command.docs,
    transcript: command.transcript(),
  });
  const reported = parseStatus(command.output());
  check(reported !== undefined, {
    expected: FORMAT,
    got: 'other lines',
    hint: 'read pg_replication_slots (active, confirmed_flush_lsn, restart_lsn) and pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)',
    docs: command.docs,
    transcript: command.transcript(),
  });
  return reported;
}

function expectedLevel(bytes: bigint): string {
  if (bytes > 1024n * 1024n * 1024n) return 'CRITICAL';
  return bytes > 100n * 1024n * 1024n ? 'WARNING' : 'OK';
}

function sameLsn(reported: string, ...actual: (Lsn | null | undefined)[]): boolean {
  return actual.some((lsn) => lsn?.toString() === reported.toUpperCase());
}

/** What a slot costs is visible: its activity, its two positions and the WAL it holds back. */
export const slotStatus: Stage = {
  slug: 'status',
  title: '`status` shows whether the slot is active, its confirmed and restart LSNs and the WAL it retains',
  docs: 'docs/03-logical-streamer.md#watching-the-slot',
  async run(ctx) {
    const run = await StreamerRun.start(ctx);
    await createUsers(ctx.db);
    const printed = await commit(ctx.db, [insertUser(1, 'Douglas')]);
    await run.waitForTransaction(printed.xid);

    const before = await slotState(ctx.db, ctx.names.slot);
    const live = await status(ctx, '`status` (while streaming)');
    const after = await slotState(ctx.db, ctx.names.slot);
    check(live.active, { expected: '"active: yes" while the streamer runs', got: '"active: no"', docs: run.docs, transcript: run.transcript() });
    check(sameLsn(live.confirmed, before?.confirmedFlushLsn, after?.confirmedFlushLsn), {
      expected: `confirmed flush LSN ${after?.confirmedFlushLsn?.toString() ?? '?'} (pg_replication_slots.confirmed_flush_lsn)`,
      got: live.confirmed,
      docs: run.docs,
    });
    check(sameLsn(live.restart, before?.restartLsn, after?.restartLsn), {
      expected: `restart LSN ${after?.restartLsn?.toString() ?? '?'} (pg_replication_slots.restart_lsn)`,
      got: live.restart,
      docs: run.docs,
    });
    // Other tests write WAL on the same server meanwhile, so the size itself is not predictable.
    check(live.retainedBytes > 0n && live.level === expectedLevel(live.retainedBytes), {
      expected: 'a positive number of bytes retained (pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)), with OK up to 100 MB, WARNING over 100 MB, CRITICAL over 1 GB',
      got: `${live.retainedBytes} bytes, ${live.level}`,
      docs: run.docs,
    });

    await run.interrupt();
    await waitForSlotReleased(ctx.db, run);
    const idle = await status(ctx, '`status` (after Ctrl-C)');
    check(!idle.active, { expected: '"active: no" once the streamer has stopped', got: '"active: yes"', docs: run.docs });

    const missing = StreamerRun.launch(ctx, { args: ['status'], env: { CDC_SLOT: `${ctx.names.slot.slice(0, 50)}_none` }, label: '`status` of a missing slot' });
    const exit = await missing.finished('`status` of a slot that does not exist to exit');
    check(exit.code !== 0 && missing.output().includes(`${ctx.names.slot.slice(0, 50)}_none`), {
      expected: 'a failure (exit code other than 0) that names the missing slot',
      got: `${describeExit(exit)}`,
      docs: run.docs,
      transcript: missing.transcript(),
    });
  },
};
