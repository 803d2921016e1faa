import crypto from 'node:crypto';
import { check, describeExit, quoteIdent, type Stage } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { BridgeRun } from '../grading/bridge-run.ts';
import { topicOf, waitForRecords } from '../grading/kafka-watch.ts';
import { commit, createUsers, insertUser } from '../grading/workload.ts';

const DOCS = 'docs/04-kafka-bridge.md#errors';

/**
 * A role without REPLICATION may read the catalog but not stream: the bridge must say so with
 * the ALTER ROLE that fixes it (lab 3's error mapping), and stream once it is granted. The
 * publication is made beforehand by a superuser, as FOR ALL TABLES needs one.
 */
export const noReplication: Stage = {
  slug: 'no-replication',
  title: 'a role without REPLICATION is told the ALTER ROLE that fixes it, and streams once granted',
  docs: DOCS,
  async run(ctx) {
    await createUsers(ctx.db);
    await ctx.db.query(`CREATE PUBLICATION ${quoteIdent(ctx.names.publication)} FOR ALL TABLES`);
    const role = `${ctx.names.id}_norepl`.slice(0, 63);
    const password = crypto.randomBytes(12).toString('hex');
    await ctx.db.query(`CREATE ROLE ${quoteIdent(role)} LOGIN NOREPLICATION PASSWORD '${password}'`);
    ctx.onCleanup(() => ctx.db.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`).then(() => undefined));
    const url = new URL(ctx.db.url);
    url.username = role;
    url.password = password;
    const env = { DATABASE_URL: url.toString() };

    const refused = BridgeRun.launch(ctx, { env, label: `your bridge (as role ${role})` });
    const exit = await refused.finished('the bridge to stop with an error');
    const said = refused.output();
    check(exit.code !== 0 && lineFormats.noReplicationFix.pattern.test(said) && said.includes(role) && lineFormats.noReplicationPrivilege.pattern.test(said), {
      expected: `a non-zero exit and a message with the fix: ALTER ROLE ${role} REPLICATION`,
      got: describeExit(exit),
      hint: 'the replication connection fails with SQLSTATE 42501; lab 3\'s explainPostgresError turns it into the fix',
      docs: DOCS,
      transcript: refused.transcript(),
    });

    await ctx.db.query(`ALTER ROLE ${quoteIdent(role)} REPLICATION`);
    const run = await BridgeRun.start(ctx, { env, label: `your bridge (as role ${role}, now with REPLICATION)` });
    await commit(ctx.db, [insertUser(1, 'Douglas')]);
    await waitForRecords(ctx.kafka(), run, topicOf(ctx.names.topicPrefix, 'public', 'users'), 1, { what: 'the insert' });
  },
};
