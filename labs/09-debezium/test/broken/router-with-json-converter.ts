/**
 * Broken on purpose: configures the outbox event router but leaves key and value to the
 * worker's converter, JsonConverter. The routing is right; the bytes are not: the key
 * arrives quoted ("6" rather than 6) and the payload as a JSON string of JSON, so a consumer
 * written for lab 7's relay misreads every event. The outbox-router stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { outboxRouterSettings } from '../../src/outbox/router.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

const workerConverters: typeof outboxRouterSettings = (topicPrefix, table) => {
  const { 'key.converter': _key, 'value.converter': _value, ...routing } = outboxRouterSettings(topicPrefix, table);
  return routing;
};

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, outboxRouterSettings: workerConverters }));
process.exit();
