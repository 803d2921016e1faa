/**
 * Debezium's outbox event router on lab 7's outbox table, configured to make the records lab
 * 7's relay makes: topic <topicPrefix>.event.<aggregatetype> — with the outbox connector's
 * prefix `<prefix>.outbox`, the name lab 7 uses — key = aggregateid, value =
 * payload, headers id and type. Applied only to the outbox table's topic (a predicate), so the
 * connector's other records pass untouched.
 *
 * Key and value go through Kafka's StringConverter here, not JsonConverter: the relay writes
 * the aggregate id and the payload's text as they are, and JsonConverter would quote the key
 * ("6") and turn the payload into a JSON string of JSON.
 */
export function outboxRouterSettings(topicPrefix: string, table: { schema: string; table: string }): Record<string, string> {
  const rawTopic = `${topicPrefix}.${table.schema}.${table.table}`;
  return {
    'table.include.list': `${table.schema}\\.${table.table}`,
    'transforms': 'outbox',
    'transforms.outbox.type': 'io.debezium.transforms.outbox.EventRouter',
    'transforms.outbox.predicate': 'isOutboxTable',
    'predicates': 'isOutboxTable',
    'predicates.isOutboxTable.type': 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches',
    'predicates.isOutboxTable.pattern': rawTopic.replace(/[.]/g, '\\.'),
    // The columns are the router's defaults (id, aggregatetype, aggregateid, payload); type goes in a header.
    'transforms.outbox.table.fields.additional.placement': 'type:header:type',
    'transforms.outbox.route.topic.replacement': `${topicPrefix}.event.\${routedByValue}`,
    'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
  };
}
