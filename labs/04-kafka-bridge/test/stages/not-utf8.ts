import { check, commitRecordOf, commitTransaction, confirmsTransaction, describeExit, slotState, waitForSlotReleased, type Stage } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { BridgeRun } from '../grading/bridge-run.ts';
import { topicOf, waitForRecords } from '../grading/kafka-watch.ts';

const DOCS = 'docs/04-kafka-bridge.md#errors';

/**
 * A SQL_ASCII database stores any bytes; the walsender checks a text value against UTF-8 only
 * when it sends the change, and then refuses the stream. The bridge must stop with an error
 * that says what happened and what to do about it, and confirm nothing of that transaction:
 * not stream a mangled value, not spin reconnecting.
 */
export const notUtf8: Stage = {
  slug: 'not-utf8',
  extension: true,
  title: 'a text value that is not UTF-8 (a SQL_ASCII database) stops the bridge with the cause and the way out, nothing confirmed',
  docs: DOCS,
  async run(ctx) {
    const ascii = await ctx.otherDatabase('ascii', { encoding: 'SQL_ASCII' });
    await ascii.query('CREATE TABLE "public"."notes" ("id" integer PRIMARY KEY, "body" text NOT NULL)');
    const env = { DATABASE_URL: ascii.url };
    const run = await BridgeRun.start(ctx, { env, label: 'your bridge (on a SQL_ASCII database)' });
    await ascii.query('INSERT INTO "public"."notes" VALUES (1, \'plain\')');
    await waitForRecords(ctx.kafka(), run, topicOf(ctx.names.topicPrefix, 'public', 'notes'), 1, { what: 'the insert of a plain ASCII value' });

    // 0xE9 is é in Latin-1, and not valid UTF-8 on its own.
    const bad = await commitTransaction(ascii, async (client) => {
      await client.query("INSERT INTO \"public\".\"notes\" VALUES (2, convert_from('\\x636166e9'::bytea, 'SQL_ASCII'))");
    });
    const exit = await run.finished('your bridge to stop once Postgres refuses to send the value as UTF-8', 20_000);
    const said = run.output();
    check(exit.code !== 0 && exit.code !== null && lineFormats.notUtf8Cause.pattern.test(said) && lineFormats.notUtf8Encoding.pattern.test(said) && lineFormats.notUtf8WayOut.pattern.test(said), {
      expected: 'a non-zero exit with an error that names the cause (a value that is not UTF-8, a SQL_ASCII database) and the ways out (a UTF8 database, or moving the slot past the transaction knowingly)',
      got: describeExit(exit),
      hint: 'the stream fails with SQLSTATE 22021 (invalid byte sequence): explain it, do not reconnect in a loop',
      docs: DOCS,
      transcript: run.transcript(),
    });

    await waitForSlotReleased(ascii, run);
    const confirmed = (await slotState(ascii, run.slot))?.confirmedFlushLsn;
    const badCommit = await commitRecordOf(ascii, bad);
    check(!confirmsTransaction(confirmed, badCommit), {
      expected: `the slot's confirmed_flush_lsn to stay at or before ${badCommit.start.toString()}, where the commit record of transaction ${bad.xid} starts`,
      got: `confirmed_flush_lsn ${confirmed?.toString() ?? 'null'}: the change was confirmed without reaching Kafka`,
      docs: DOCS,
    });
  },
};
