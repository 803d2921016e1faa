import { check, describeExit, type StageContext, type Stage } from '@cdc-lab/grading';
import { insertUser, insertUsers, renameUser, type WrittenRow } from '../demo-rows.ts';
import { expectExactlyRows, PollerRun } from '../poller-run.ts';

/**
 * A stopped poller picks up where it left off: rows it reported stay reported, rows changed
 * while it was down are reported when it comes back.
 */
export const restart: Stage = {
  slug: 'restart',
  title: 'after Ctrl-C and a restart, reports what changed while down and nothing older',
  docs: 'docs/01-poller.md#saving-the-bookmark',
  async run(ctx) {
    const { poller, ann, cid } = await reportTwoRows(ctx);
    poller.process.signal('SIGINT');
    const exit = await poller.process.waitForExit({ timeoutMs: 5_000, what: 'the program to stop within 5 s of Ctrl-C (SIGINT)' });
    check(exit.code === 0, { expected: 'exit code 0 after Ctrl-C', got: describeExit(exit), docs: 'docs/01-poller.md#the-loop', transcript: poller.transcript() });
    await expectResumed(ctx, { ann, reportedBefore: [cid] });
  },
};

/** Start a poller and let it report two rows, Ann and Cid, and then poll once more. */
export async function reportTwoRows(ctx: StageContext): Promise<{ poller: PollerRun; ann: WrittenRow; cid: WrittenRow }> {
  const poller = PollerRun.start(ctx, { label: 'your program (first run)' });
  await poller.nextPolls(1);
  const [ann, cid] = (await insertUsers(ctx.db, ['Ann', 'Cid'])) as [WrittenRow, WrittenRow];
  const found = await poller.waitForRow((row) => row.id === cid.id, { what: `a poll to report User(id=${cid.id}, name='Cid')` });
  // The poll after the one that found them: by then the bookmark past them has been saved.
  await poller.nextPolls(1, { from: found.end });
  return { poller, ann, cid };
}

/**
 * While the poller is down, rename Ann and insert Ben; a new run must report exactly those
 * two — not Cid or anything else reported before it stopped.
 */
export async function expectResumed(ctx: StageContext, { ann, reportedBefore }: { ann: WrittenRow; reportedBefore: WrittenRow[] }): Promise<void> {
  const annAgain = await renameUser(ctx.db, ann.id, 'Ann v2');
  const ben = await insertUser(ctx.db, 'Ben');
  const restarted = PollerRun.start(ctx, { label: 'your program (restarted)' });
  const first = await restarted.nextChange({
    from: 0,
    what: `the restarted program to report what changed while it was down: User(id=${ann.id}, name='Ann v2') and User(id=${ben.id}, name='Ben')`,
  });
  await restarted.nextPolls(2, { from: first.end });
  expectExactlyRows(restarted, 0, [annAgain, ben], {
    expected: `the restarted program to report only what changed while it was down, User(id=${ann.id}, name='Ann v2') and User(id=${ben.id}, name='Ben'), each once — not ${reportedBefore.map((row) => `'${row.name}'`).join(', ')} reported before it stopped`,
    hint: 'load the bookmark from the file in CDC_STATE_DIR when the program starts, and save it after every poll that moved it',
  });
}
