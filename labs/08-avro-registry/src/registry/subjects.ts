/**
 * Where a topic's schemas live in the registry: the TopicNameStrategy every Confluent
 * serializer uses by default — the key's schema under `<topic>-key`, the value's under
 * `<topic>-value`. A subject is a history: each new schema for it becomes its next version,
 * and the subject's compatibility level decides which new schemas it accepts.
 */
export function subjectsFor(topic: string): { key: string; value: string } {
  return { key: `${topic}-key`, value: `${topic}-value` };
}
