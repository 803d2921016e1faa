import { check, describeExit, quoteIdent, type Stage } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { BridgeRun } from '../grading/bridge-run.ts';
import { describeRecords, topicOf, waitForRecords } from '../grading/kafka-watch.ts';
import { commit, createUsers, insertUser } from '../grading/workload.ts';

const DOCS = 'docs/04-kafka-bridge.md#publication-and-slot';

/**
 * An existing publication is checked, not trusted: one that does not publish deletes would
 * silently drop them, so the bridge refuses it with the ALTER PUBLICATION that fixes it. A
 * published table without a replica identity gets a warning: Postgres will refuse its UPDATEs
 * and DELETEs to the application. Once fixed, deletes flow.
 */
export const publication: Stage = {
  slug: 'publication',
  title: 'a publication that does not publish deletes is refused with the fix; a table without replica identity is warned about',
  docs: DOCS,
  async run(ctx) {
    await createUsers(ctx.db);
    await ctx.db.query('CREATE TABLE no_key (a integer, b text)');
    const name = quoteIdent(ctx.names.publication);
    await ctx.db.query(`CREATE PUBLICATION ${name} FOR ALL TABLES WITH (publish = 'insert, update')`);

    const refused = BridgeRun.launch(ctx, { label: 'your bridge (publication without delete)' });
    const exit = await refused.finished('the bridge to refuse the publication');
    const said = refused.output();
    check(exit.code !== 0 && said.includes(ctx.names.publication) && lineFormats.publicationFix.pattern.test(said) && lineFormats.publicationMissingOperation.pattern.test(said), {
      expected: `a non-zero exit and a message saying publication ${ctx.names.publication} does not publish delete, with the ALTER PUBLICATION that fixes it`,
      got: describeExit(exit),
      hint: "read pg_publication's pubinsert, pubupdate, pubdelete and pubtruncate; a publication that leaves one out loses those changes without a word",
      docs: DOCS,
      transcript: refused.transcript(),
    });

    await ctx.db.query(`ALTER PUBLICATION ${name} SET (publish = 'insert, update, delete, truncate')`);
    const run = await BridgeRun.start(ctx, { label: 'your bridge (publication fixed)' });
    const warned = run.process.linesMatching((line) => line.includes('no_key') && lineFormats.replicaIdentityWarning.pattern.test(line));
    check(warned.length > 0, {
      expected: 'a warning that public.no_key has no replica identity (no primary key, REPLICA IDENTITY DEFAULT)',
      got: 'no line naming no_key and its replica identity before "Listening"',
      hint: "look for published tables with relreplident 'n', or 'd' without a primary key: their UPDATEs and DELETEs will fail",
      docs: DOCS,
      transcript: run.transcript(),
    });
    await commit(ctx.db, [insertUser(1, 'Douglas')]);
    await commit(ctx.db, ['DELETE FROM users WHERE id = 1']);
    const records = await waitForRecords(ctx.kafka(), run, topicOf(ctx.names.topicPrefix, 'public', 'users'), 3, { what: 'the insert, the delete and its tombstone' });
    check(records[1]?.event?.op === 'd', { expected: 'the delete event', got: describeRecords(records), docs: DOCS });
  },
};
