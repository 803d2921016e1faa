import { defineLineFormats } from '@cdc-lab/grading';

/*
 * Lab 8's contract in code: every line of the program's output a stage reads, with a real
 * example. The chapter's Contract section (docs/08-avro-registry.md#contract) shows each
 * example. What the stages check in Kafka and in the registry (the wire format, subjects,
 * schemas, versions) is written there too; it is not a line, so it is not here.
 */

export const lineFormats = defineLineFormats({
  listening: {
    name: 'the bridge\'s line once it streams from its slot',
    pattern: /^Listening on slot /,
    example: "Listening on slot 'cdc_lab_08'...",
  },
  registered: {
    name: 'the bridge\'s line for each schema registered (the stage reads it up to "version ")',
    pattern: /^Schema (\S+) version /,
    example: 'Schema avro.public.users-value version 2 has id 165',
  },
  tailRecord: {
    name: 'a record as tail prints it: key=<key as JSON> <value as JSON, or null>',
    pattern: /^key=(\S+) (.*)$/,
    example: 'key={"id":1} null',
  },
  // The sizes stage picks the line that starts with its topic and a space, and reads the first
  // three whitespace-separated numbers after it; this pattern says the same for a reader.
  sizesRow: {
    name: 'the line of one topic in sizes: topic, records, JSON bytes, Avro bytes, then anything',
    pattern: /^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)(?:\s.*)?$/,
    example: 'avro.public.users         6         2708          916          451          153  34 %',
  },
  registryUnreachable: {
    name: 'the error when the registry does not answer (anywhere in stdout or stderr, with its URL)',
    pattern: /registry/i,
    example: 'error: cannot reach the schema registry at http://127.0.0.1:1: fetch failed',
  },
  refusedRule: {
    name: 'the error when the registry refuses a schema: the rule (anywhere in stdout or stderr, with the subject)',
    pattern: /BACKWARD/,
    example: 'error: the schema registry refused a new schema for subject avro.public.users-value: it breaks BACKWARD compatibility with the versions before it (io.apicurio.registry.rules.RuleViolationException: Incompatible artifact: avro.public.users-value [AVRO], num of incompatible diffs: {2}, list of diff types: [reader union lacking writer type: RECORD at /fields/1/type/1, reader union lacking writer type: RECORD at /fields/0/type/1])',
  },
  oversizedKey: {
    name: 'the oversized-event error: the key of the refused change, id 1 (anywhere in stdout or stderr)',
    pattern: /"id"\s*:\s*1\b|\bid\s*=\s*1\b/,
    example: 'error: Kafka refused a change event of table public.docs, key {"id":1}: it is 80.2 kB (82107 bytes) and topic contract-l8.public.docs accepts at most 64.0 kB (max.message.bytes = 65536)',
  },
});
