import { check, describeExit, quoteIdent, type Stage } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { BridgeRun } from '../grading/bridge-run.ts';
import { topicOf, waitForRecords } from '../grading/kafka-watch.ts';
import { commit, createUsers, insertUser } from '../grading/workload.ts';

const DOCS = 'docs/04-kafka-bridge.md#errors';
/** Every character a URL gives a meaning to, and two it does not expect: all must survive percent-encoding. */
const AWKWARD_PASSWORD = 'p@ss:w/rd#?%& é';

/**
 * The settings people get wrong first. A port out of range in KAFKA_BROKERS and a password
 * that breaks the URL are refused at once, in words that say what to write instead, without
 * printing the password and before a slot is made. A password with every awkward character,
 * percent-encoded as it should be, works for the SQL and the replication connection alike.
 */
export const connectionSettings: Stage = {
  slug: 'connection-settings',
  extension: true,
  title: 'a bad KAFKA_BROKERS port and an unencoded password are refused with the fix; an encoded awkward password works',
  docs: DOCS,
  async run(ctx) {
    await createUsers(ctx.db);

    const badPort = BridgeRun.launch(ctx, { env: { KAFKA_BROKERS: '127.0.0.1:99092' }, label: 'your bridge (KAFKA_BROKERS=127.0.0.1:99092)' });
    const portExit = await badPort.finished('the bridge to refuse the port at once', 15_000);
    const portSaid = badPort.output();
    check(portExit.code !== 0 && lineFormats.badPortVariable.pattern.test(portSaid) && portSaid.includes('99092') && lineFormats.badPortRange.pattern.test(portSaid), {
      expected: 'a non-zero exit and an error that names KAFKA_BROKERS, the port 99092 and the range a port must be in (1 to 65535)',
      got: describeExit(portExit),
      hint: 'check the settings before connecting to anything: a port is a number from 1 to 65535',
      docs: DOCS,
      transcript: badPort.transcript(),
    });
    await checkNoSlot(ctx, 'after the bad KAFKA_BROKERS');

    const role = `${ctx.names.id}_awk`.slice(0, 63);
    const created = await ctx.db.query<{ sql: string }>('SELECT format(\'CREATE ROLE %I LOGIN REPLICATION PASSWORD %L\', $1::text, $2::text) AS sql', [role, AWKWARD_PASSWORD]);
    await ctx.db.query(created.rows[0]!.sql);
    ctx.onCleanup(() => ctx.db.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`).then(() => undefined));
    // FOR ALL TABLES needs a superuser: the grader makes the publication, the role reads it.
    await ctx.db.query(`CREATE PUBLICATION ${quoteIdent(ctx.names.publication)} FOR ALL TABLES`);
    await ctx.db.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${quoteIdent(role)}`);
    const server = new URL(ctx.db.url);
    const userinfo = (password: string) => `${encodeURIComponent(role)}:${password}`;
    const urlWith = (password: string) => `postgres://${userinfo(password)}@${server.host}${server.pathname}`;

    const unencoded = BridgeRun.launch(ctx, { env: { DATABASE_URL: urlWith(AWKWARD_PASSWORD) }, label: 'your bridge (a password with # and / not percent-encoded)' });
    const urlExit = await unencoded.finished('the bridge to refuse the URL', 15_000);
    const urlSaid = unencoded.output();
    check(urlExit.code !== 0 && lineFormats.unreadableUrlVariable.pattern.test(urlSaid) && lineFormats.unreadableUrlEncoding.pattern.test(urlSaid), {
      expected: 'a non-zero exit and an error that names DATABASE_URL and says to percent-encode the password',
      got: describeExit(urlExit),
      hint: 'a # ends a URL and a / ends its authority: check that DATABASE_URL parses before a driver reads it its own way',
      docs: DOCS,
      transcript: unencoded.transcript(),
    });
    check(!urlSaid.includes('w/rd#'), {
      expected: 'the password never printed',
      got: 'the output shows it',
      hint: 'say which setting is wrong and how, never its value when it may hold a secret',
      docs: DOCS,
      transcript: unencoded.transcript(),
    });
    await checkNoSlot(ctx, 'after the unreadable DATABASE_URL');

    const run = await BridgeRun.start(ctx, { env: { DATABASE_URL: urlWith(encodeURIComponent(AWKWARD_PASSWORD)) }, label: 'your bridge (as a role whose password has @ : / # ? % & and a space, percent-encoded)' });
    await commit(ctx.db, [insertUser(1, 'Douglas')]);
    await waitForRecords(ctx.kafka(), run, topicOf(ctx.names.topicPrefix, 'public', 'users'), 1, {
      what: 'the insert, streamed as the role with the awkward password',
      hint: 'pass DATABASE_URL on as it is, or decode user and password (decodeURIComponent) when you take the URL apart',
    });
    await run.interrupt();
  },
};

async function checkNoSlot(ctx: Parameters<Stage['run']>[0], when: string): Promise<void> {
  const slots = await ctx.db.slots();
  check(slots.length === 0, {
    expected: `no replication slot ${when}: a slot made before the settings are known to work keeps WAL for nobody`,
    got: slots.map((slot) => slot.slot_name).join(', '),
    hint: 'check the settings and connect to Kafka before opening the replication stream',
    docs: DOCS,
  });
}
