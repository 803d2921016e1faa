import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineBites } from '@cdc-lab/grading';
import { grader } from './grader.ts';

const broken = (file: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), 'broken', file);

/** Which deliberately wrong program each stage must reject; `pnpm bites` lists them. */
export const bites = defineBites(grader, [
  {
    file: broken('separate-transaction.ts'),
    why: 'writes the outbox event in a transaction of its own, before the order\'s',
    rejection: { stage: 'atomic-table', message: /the event of a rolled-back order/ },
  },
  {
    file: broken('non-transactional-message.ts'),
    why: 'emits the event as a non-transactional logical message',
    rejection: { stage: 'atomic-message', message: /never relayed, so lost/ },
  },
  {
    file: broken('relays-deletes.ts'),
    why: 'relays the DELETE of a cleaned-up outbox row as an event',
    rejection: { stage: 'cleanup-delete', message: /the DELETE of an outbox row was relayed/ },
  },
  {
    file: broken('relays-deletes.ts'),
    why: 'relays the DELETEs of a purge as events',
    rejection: { stage: 'purge', message: /the DELETE of an outbox row was relayed/ },
  },
  {
    file: broken('relays-non-transactional.ts'),
    why: 'relays non-transactional logical messages too',
    rejection: { stage: 'route-message', message: /a non-transactional message from a transaction that rolled back/ },
  },
  {
    file: broken('confirms-before-ack.ts'),
    why: 'confirms a transaction to the slot before Kafka acknowledged its events',
    rejection: { stage: 'confirm-after-ack', message: /the event is lost/ },
  },
  {
    file: broken('consumer-without-inbox.ts'),
    why: 'applies every record it reads, with no inbox',
    rejection: { stage: 'consumer-inbox', message: /events applied twice/ },
  },
  {
    file: broken('relays-updates.ts'),
    why: 'relays an UPDATE of an outbox row as an event',
    rejection: { stage: 'route-table', message: /once in Kafka\ngot 2 record\(s\) with the header id \S+, one of them an UPDATE of its outbox row/ },
  },
  {
    file: broken('consumer-without-inbox.ts'),
    why: 'applies every copy the relay sent again after its crash (table variant), with no inbox',
    rejection: { stage: 'relay-crash-table', message: /billing\.customer_balances to match the orders table/ },
  },
  {
    file: broken('consumer-without-inbox.ts'),
    why: 'applies every copy the relay sent again after its crash (message variant), with no inbox',
    rejection: { stage: 'relay-crash-message', message: /billing\.customer_balances to match the orders table/ },
  },
  {
    file: broken('skips-refused-events.ts'),
    why: 'confirms and skips a transaction whose events Kafka refused',
    rejection: { stage: 'oversized-event', message: /to stop on its own within 15 s of Kafka refusing/ },
  },
], { message: /TODO: .+ is not implemented yet/ });
