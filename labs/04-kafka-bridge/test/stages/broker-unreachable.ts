import net from 'node:net';
import { check, describeExit, type Stage } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { BridgeRun } from '../grading/bridge-run.ts';
import { topicOf, waitForRecords } from '../grading/kafka-watch.ts';
import { slotState } from '../grading/slot-watch.ts';
import { commit, createUsers, insertUser } from '../grading/workload.ts';

const DOCS = 'docs/04-kafka-bridge.md#errors';

/**
 * KAFKA_BROKERS names a port nobody listens on: the bridge must stop within seconds with a
 * message that names the address and says what to check — and before it makes a slot, which
 * would keep WAL for a bridge that cannot deliver. With the right address it then streams.
 */
export const brokerUnreachable: Stage = {
  slug: 'broker-unreachable',
  title: 'an unreachable broker is reported at start, with a hint, before any slot is made; the right address then works',
  docs: DOCS,
  async run(ctx) {
    const address = `127.0.0.1:${await closedPort()}`;
    const refused = BridgeRun.launch(ctx, { env: { KAFKA_BROKERS: address }, label: `your bridge (KAFKA_BROKERS=${address})` });
    const exit = await refused.finished('the bridge to give up on an unreachable broker', 30_000);
    const said = refused.output();
    check(exit.code !== 0 && said.includes(address) && lineFormats.unreachableBrokerKafka.pattern.test(said) && lineFormats.unreachableBrokerVariable.pattern.test(said), {
      expected: `a non-zero exit and a message naming ${address} and what to check (KAFKA_BROKERS, is the broker running)`,
      got: describeExit(exit),
      hint: 'connect the producer first, with a short retry for the connection, and turn the failure into an error with a hint',
      docs: DOCS,
      transcript: refused.transcript(),
    });
    const slot = await slotState(ctx.db, ctx.names.slot);
    check(slot === undefined, {
      expected: `no slot ${ctx.names.slot}: a bridge that cannot reach Kafka should not make Postgres keep WAL for it`,
      got: 'the slot exists',
      hint: 'connect to Kafka before opening the replication stream (which creates the slot)',
      docs: DOCS,
    });

    const run = await BridgeRun.start(ctx, { label: 'your bridge (with the right KAFKA_BROKERS)' });
    await createUsers(ctx.db);
    await commit(ctx.db, [insertUser(1, 'Douglas')]);
    await waitForRecords(ctx.kafka(), run, topicOf(ctx.names.topicPrefix, 'public', 'users'), 1, { what: 'the insert' });
  },
};

/** A port that was free a moment ago: nobody listens on it. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
