/**
 * JSON that keeps every digit of an int64: writing events (write-json.ts) and reading them back
 * (read-json.ts). Later labs import this as @cdc-lab/04-kafka-bridge/json.
 */
export { writeJson, type JsonObject, type JsonValue } from './write-json.ts';
export { readJson } from './read-json.ts';
