import { Kafka, logLevel } from 'kafkajs';
import { check, command, crash, defineDemo, line, lookFor, narrate, slotReleased, sql, start, stop, waitFor, type Memory } from '@cdc-lab/grading/demo';

/**
 * Lab 7's story (docs/07-outbox.md, Running it and Expected output): an order and its outbox
 * event written in one transaction, relayed to Kafka from the WAL and applied by the consumer;
 * an order rolled back leaves no event; a relay killed between send and confirm sends an event
 * twice, and the consumer applies it once.
 */
const relayReady = line(/^Listening on slot '/, 'the relay streams');
const relayed = (key: string) => (text: string, memory: Memory) => text.startsWith(`relayed OrderCreated ${memory[key]} `);
const applied = (key: string) => (text: string, memory: Memory) => text.startsWith(`applied OrderCreated ${memory[key]} `);

export default defineDemo({
  lab: 7,
  title: 'an order and its outbox event, relayed and consumed once',
  // The consumer's group keeps its committed offsets in Kafka: a new demo starts it afresh.
  async reset(ctx) {
    const admin = new Kafka({ brokers: ctx.stack.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      await admin.deleteGroups([`${ctx.names.topicPrefix}-billing`]).catch(() => {});
    } finally {
      await admin.disconnect();
    }
  },
  steps: () => [
    narrate(`The order service writes the order and an event about it in one transaction: the event is a row of
      shop.outbox. The relay reads the outbox's inserts from the WAL and sends each event to Kafka; the
      billing consumer applies each event to customer balances, remembering the ids it has applied. Three
      roles of one program, each in its own process.`),
    start('relay', ['relay'], { ready: relayReady }),
    start('consumer', ['consume'], { ready: line(/^Consuming \S+ as group '/, 'the consumer subscribed') }),

    narrate('An order.'),
    command('service', ['order', 'ada', '12.50'], {
      expect: [line(/^order \d+ placed for ada: 12\.50 \(event OrderCreated (\S+)\)/, 'the order and its event, committed together', { remember: 'ada' })],
    }),
    waitFor('relay', relayed('ada'), 'the relay sent it to Kafka'),
    waitFor('consumer', applied('ada'), 'the consumer applied it'),
    lookFor(`the event id the service printed is the one the relay sent and the one billing applied. The
      relay confirmed the transaction to Postgres only after Kafka acknowledged the event.`),

    narrate('An order that fails after writing: the transaction rolls back, and its event with it.'),
    command('service', ['order', 'grace', '30.00', '--fail'], {
      expect: [line(/^order \d+ rolled back on purpose after writing event OrderCreated (\S+)/, 'written, then rolled back', { remember: 'grace' })],
    }),
    sql('SELECT count(*) AS orders, (SELECT count(*) FROM shop.outbox) AS outbox_rows FROM shop.orders'),
    lookFor('one order, one outbox row: the rolled-back event was never committed, so the WAL has nothing for the relay to send.'),

    narrate(`Now a crash between send and confirm. The relay restarts with --confirm-delay, which holds each
      confirmation for a minute after Kafka acknowledges; we place an order and kill the relay in that window.`),
    stop('relay'),
    start('relay', ['relay', '--confirm-delay', '60000'], { ready: relayReady }),
    command('service', ['order', 'ken', '45.95'], {
      expect: [line(/^order \d+ placed for ken: 45\.95 \(event OrderCreated (\S+)\)/, 'Ken\'s order', { remember: 'ken' })],
    }),
    waitFor('relay', relayed('ken'), 'the relay sent Ken\'s event; its confirmation waits'),
    waitFor('consumer', applied('ken'), 'the consumer applied it'),
    crash('relay'),
    slotReleased(),
    start('relay', ['relay'], { ready: relayReady }),
    waitFor('relay', relayed('ken'), 'the same event sent again: Postgres was never told'),
    waitFor('consumer', (text, memory) => text.startsWith(`skipped duplicate OrderCreated ${memory.ken} `), 'the consumer skipped the copy: the inbox has it'),
    check('Grace\'s rolled-back event never reached anyone', (ctx) => {
      const seen = ['relay', 'consumer'].flatMap((program) => ctx.output(program)).filter((text) => text.includes(ctx.memory.grace!));
      if (seen.length > 0) ctx.fail({ expected: `no line with event ${ctx.memory.grace}`, got: seen.join(' / ') });
    }),
    lookFor(`Kafka holds Ken's event twice — the relay delivers at least once — but his balance counts it once:
      the consumer claims each event id in billing.inbox in the same transaction as the balance change.`),
    stop('consumer'),
    stop('relay'),
    command('show', ['show'], {
      expect: [line(/^consumer inbox: 2 event\(s\) applied/, 'two events applied, one per committed order')],
    }),
  ],
});
