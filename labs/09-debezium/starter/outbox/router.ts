import { todo } from '@cdc-lab/common';

/**
 * Debezium's outbox event router on lab 7's outbox table, configured to make the records lab
 * 7's relay makes. Returns the settings that are added to the outbox connector's config.
 */
export function outboxRouterSettings(topicPrefix: string, table: { schema: string; table: string }): Record<string, string> {
  // TODO: a single message transform (SMT) turns each outbox row into the event lab 7's relay
  //   writes (docs/09-debezium.md#the-outbox-event-router).
  //   - Which tables does this connector capture? (table.include.list is a list of regular
  //     expressions: what does a bare dot match?)
  //   - Name the transform and its class. Which records may it touch? The connector also
  //     writes records that are not outbox rows: how does a predicate keep them out?
  //   - The router's default columns are lab 7's, except one: where does `type` go?
  //   - Lab 7's topic is <topicPrefix>.event.<aggregatetype>: how does the router put the
  //     aggregate type into the topic's name?
  //   - Lab 7 writes the key and the payload as plain text. What would the worker's
  //     JsonConverter make of them?
  void [topicPrefix, table];
  return todo('configuring the outbox event router', 'docs/09-debezium.md#the-outbox-event-router');
}
