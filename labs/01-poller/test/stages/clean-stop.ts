import { check, describeExit, type Stage } from '@cdc-lab/grading';
import { insertUser } from '../demo-rows.ts';
import { PollerRun, stateFiles } from '../poller-run.ts';

/** Ctrl-C is how a person stops the poller: it must finish cleanly and keep its place. */
export const cleanStop: Stage = {
  slug: 'clean-stop',
  title: 'Ctrl-C (SIGINT) saves the bookmark and exits with code 0',
  docs: 'docs/01-poller.md#the-loop',
  async run(ctx) {
    const poller = PollerRun.start(ctx);
    await poller.nextPolls(1);
    const bob = await insertUser(ctx.db, 'Bob');
    await poller.waitForRow((row) => row.id === bob.id, { what: `a poll to report User(id=${bob.id}, name='Bob')` });

    poller.process.signal('SIGINT');
    const exit = await poller.process.waitForExit({
      timeoutMs: 5_000,
      what: 'the program to stop within 5 s of Ctrl-C (SIGINT)',
      hint: 'on SIGINT, stop the loop (also during the pause between polls), save the bookmark and close the connection',
    });
    check(exit.code === 0 && exit.signal === null, {
      expected: 'exit code 0 after Ctrl-C (SIGINT): stopping on request is not a failure',
      got: describeExit(exit),
      hint: 'without a handler, the program dies of the signal; handle SIGINT and SIGTERM by letting the loop end, then save the bookmark and return (a wrapper script must start the program with exec: every process in the group gets the signal)',
      docs: poller.docs,
      transcript: poller.transcript(),
    });
    check(stateFiles(ctx.stateDir).size > 0, {
      expected: 'the bookmark saved in a file in CDC_STATE_DIR',
      got: 'an empty folder',
      docs: 'docs/01-poller.md#saving-the-bookmark',
      transcript: poller.transcript(),
    });
  },
};
