import crypto from 'node:crypto';
import { check, describeExit, quoteIdent, type Stage } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { StreamerRun } from '../streamer-run.ts';
import { commit, createUsers, insertUser } from '../workload.ts';

/**
 * A role needs the REPLICATION attribute to open a replication connection. The program must
 * say so, with the statement that fixes it; after the fix, the same role streams.
 */
export const noReplication: Stage = {
  slug: 'no-replication',
  title: 'a role without REPLICATION is told the ALTER ROLE that fixes it, and streams once granted',
  docs: 'docs/03-logical-streamer.md#errors',
  async run(ctx) {
    const role = `${ctx.names.id}_norepl`.slice(0, 63);
    const password = crypto.randomBytes(12).toString('hex');
    await ctx.db.query(`CREATE ROLE ${quoteIdent(role)} LOGIN NOREPLICATION PASSWORD '${password}'`);
    ctx.onCleanup(() => ctx.db.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`).then(() => undefined));
    const url = new URL(ctx.db.url);
    url.username = role;
    url.password = password;
    const env = { DATABASE_URL: url.toString() };

    const refused = StreamerRun.launch(ctx, { env, label: `your program (as role ${role})` });
    const exit = await refused.finished('the program to stop with an error');
    check(exit.code !== 0 && lineFormats.noReplicationFix.pattern.test(refused.output()) && refused.output().includes(role) && lineFormats.noReplicationAttribute.pattern.test(refused.output()), {
      expected: `a non-zero exit and a message with the fix: ALTER ROLE ${role} REPLICATION`,
      got: `${describeExit(exit)}`,
      hint: 'Postgres refuses with SQLSTATE 42501 (insufficient_privilege); map it to a message that names the role and the ALTER ROLE statement',
      docs: ctx.stage.docs,
      transcript: refused.transcript(),
    });

    await ctx.db.query(`ALTER ROLE ${quoteIdent(role)} REPLICATION`);
    const granted = await StreamerRun.start(ctx, { env, label: `your program (as role ${role}, now with REPLICATION)` });
    await createUsers(ctx.db);
    const printed = await commit(ctx.db, [insertUser(1, 'Douglas')]);
    await granted.waitForTransaction(printed.xid);
  },
};
