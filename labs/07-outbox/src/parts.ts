import { consumerParts, type ConsumerParts } from './consumer/consume.ts';
import { relayParts, type RelayParts } from './relay/relay-transactions.ts';
import { serviceParts, type ServiceParts } from './service/commands.ts';

/**
 * The pieces lab 7's program is assembled from, each side's own: the service writes an order
 * and its outbox event in one transaction, the relay sends and confirms, the consumer applies
 * once. Each broken variant of the grader swaps one.
 */
export type ProgramParts = ServiceParts & RelayParts & ConsumerParts;

export const referenceParts: ProgramParts = { ...serviceParts, ...relayParts, ...consumerParts };
