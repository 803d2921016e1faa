import { fail, type Stage } from '@cdc-lab/grading';
import { expectRunbook, expectStatus, unreadSlot, walStatus, type WalStatus } from '../lost-slot-drill.ts';

/**
 * The runbook's first incident: the consumer is down while WAL grows. With
 * max_slot_wal_keep_size set, Postgres stops keeping WAL for the slot past that size, and the
 * slot goes reserved → extended → unreserved → lost. `status` must show each state as Postgres
 * reports it, and a streamer started on the lost slot must stop with what was lost and the
 * runbook, which the stage then follows: drop, start again, stream.
 *
 * The WAL is moved on a segment at a time with pg_switch_wal(), with a CHECKPOINT before each
 * switch, so that Postgres never starts a checkpoint of its own: the slot then stays
 * unreserved (past the cap, not yet removed) until the stage's last CHECKPOINT removes its WAL.
 */
const SETTINGS = {
  // Extended begins beyond max_wal_size (6 segments of 16 MB), unreserved beyond the cap (10).
  max_wal_size: '96MB',
  max_slot_wal_keep_size: '160MB',
  wal_keep_size: '0',
  checkpoint_timeout: '1h',
};

export const slotLost: Stage = {
  slug: 'slot-lost',
  title: 'with max_slot_wal_keep_size set, `status` follows an unread slot from reserved to lost, and the streamer stops on it with the runbook',
  docs: 'docs/03-logical-streamer.md#when-the-slot-loses-its-wal',
  extension: true,
  timeoutMs: 150_000,
  async run(ctx) {
    const drill = await unreadSlot(ctx, SETTINGS);
    let state = (await walStatus(drill, ctx.names.slot)).walStatus;
    await expectStatus(ctx, drill, state);
    for (const next of ['extended', 'unreserved'] as WalStatus[]) {
      for (let segments = 0; state !== next; segments++) {
        if (segments > 16) fail({ expected: `wal_status ${next}`, got: `still ${state} after ${segments} more WAL segments`, hint: 'the stage\'s own settings did not take effect', docs: ctx.stage.docs });
        await drill.db.query('CHECKPOINT');
        await drill.db.query('SELECT pg_switch_wal()');
        state = (await walStatus(drill, ctx.names.slot)).walStatus;
      }
      await expectStatus(ctx, drill, state);
    }
    await drill.db.query('CHECKPOINT');
    state = (await walStatus(drill, ctx.names.slot)).walStatus;
    if (state !== 'lost') fail({ expected: 'wal_status lost after the checkpoint', got: state, hint: 'the stage could not invalidate the slot', docs: ctx.stage.docs });
    await expectStatus(ctx, drill, state);
    await expectRunbook(ctx, drill, { pattern: /maximum reserved size|max_slot_wal_keep_size|wal_removed/i, says: 'its WAL passed max_slot_wal_keep_size' });
  },
};
