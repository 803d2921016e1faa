import { check, type Stage } from '@cdc-lab/grading';
import { insertUser } from '../demo-rows.ts';
import { stateFiles } from '../poller-run.ts';
import { expectResumed, reportTwoRows } from './restart.ts';

/**
 * The same resumption after SIGKILL, which leaves no time to save anything: the bookmark must
 * already be on disk after each poll. And it must be replaced, not rewritten: a file written in
 * place can be caught half-written by a crash. The grader sees the difference without luck:
 * a file renamed over the old one is a new file (a new inode); one rewritten in place is not.
 */
export const crash: Stage = {
  slug: 'crash',
  title: 'after SIGKILL, a restart resumes from a bookmark saved atomically after each poll',
  docs: 'docs/01-poller.md#saving-the-bookmark',
  async run(ctx) {
    const { poller, ann, cid } = await reportTwoRows(ctx);
    const before = stateFiles(ctx.stateDir);
    check(before.size > 0, {
      expected: 'a bookmark file in CDC_STATE_DIR as soon as a poll has found rows (a crash gives no chance to save it later)',
      got: 'an empty folder',
      hint: 'save the bookmark after every poll that moved it, not only when the program stops',
      docs: poller.docs,
      transcript: poller.transcript(),
    });

    const mark = poller.mark;
    const dee = await insertUser(ctx.db, 'Dee');
    const found = await poller.waitForRow((row) => row.id === dee.id, { from: mark, what: `a poll to report User(id=${dee.id}, name='Dee')` });
    await poller.nextPolls(1, { from: found.end });
    const after = stateFiles(ctx.stateDir);
    const changed = [...after].filter(([name, file]) => before.get(name)?.content !== file.content);
    check(changed.length > 0, {
      expected: 'the bookmark file in CDC_STATE_DIR to change after a poll that found a new row',
      got: `the same content: ${[...after.values()].map((file) => file.content.trim()).join(' | ')}`,
      docs: poller.docs,
      transcript: poller.transcript(),
    });
    for (const [name, file] of changed) {
      check(before.get(name)?.inode !== file.inode, {
        expected: `${name} to be replaced by a new file renamed over it`,
        got: `the same file (inode ${file.inode}) rewritten in place`,
        hint: 'a crash in the middle of an in-place write leaves a truncated bookmark: write a temporary file, fsync it, then rename it over the old one',
        docs: poller.docs,
      });
    }

    await poller.process.kill();
    await expectResumed(ctx, { ann, reportedBefore: [cid, dee] });
  },
};
