import { defineLineFormats } from '@cdc-lab/grading';

/**
 * Lab 4's contract in code: every pattern a stage matches against what the program prints,
 * with a line of a real run of the reference that it accepts. The chapter's "Contract"
 * section shows each example. Lines are matched on stdout, except the errors, which the
 * stages look for in stdout and stderr together. What the stages check in Kafka (topics,
 * keys, values) is described in the chapter, not here.
 */
export const lineFormats = defineLineFormats({
  listening: {
    name: 'the line that says the bridge streams, naming CDC_SLOT',
    pattern: /Listening on slot '([^']*)'\.\.\./,
    example: "Listening on slot 'cdc_lab_04'...",
  },
  replicaIdentityWarning: {
    name: 'the warning, before "Listening", about a published table without replica identity (the line also names the table)',
    pattern: /replica identity/i,
    example: 'warning: public.no_key has no replica identity: Postgres will refuse its UPDATEs and DELETEs while the publication publishes them; give it a primary key or run ALTER TABLE public.no_key REPLICA IDENTITY FULL',
  },
  tailRecord: {
    name: 'a record as tail prints it, event or tombstone',
    pattern: /^key=/,
    example: 'key={"id":9007199254740993} null',
  },
  tailEvent: {
    name: 'a change event as tail prints it: the key, a space, the digest {op, ts_ms, before, after, source}',
    pattern: /^key=(\S+) (\{.*\})$/,
    example: 'key={"id":42} {"op":"c","ts_ms":1796672715095,"before":null,"after":{"id":42,"owner":"Grace"},"source":{"version":"3.0.8.Final","connector":"postgresql","name":"cdc","ts_ms":1796672715093,"snapshot":"false","db":"contract_l4","sequence":"[\\"116843480\\",\\"121253696\\"]","ts_us":1796672715093575,"ts_ns":1796672715093575000,"schema":"public","table":"accounts","txId":1656,"lsn":121253696,"xmin":null}}',
  },
  unreachableBrokerKafka: {
    name: 'the error when no broker answers at KAFKA_BROKERS: it says Kafka (and names the address)',
    pattern: /kafka/i,
    example: 'error: cannot reach Kafka at 127.0.0.1:1: Connection error: connect ECONNREFUSED 127.0.0.1:1',
  },
  unreachableBrokerVariable: {
    name: 'the error when no broker answers at KAFKA_BROKERS: it names the variable to check',
    pattern: /KAFKA_BROKERS/,
    example: 'hint: is the broker running? `pnpm stack status` shows it; KAFKA_BROKERS must name host:port of a broker listener (eval "$(pnpm -s stack env)" sets the stack\'s)',
  },
  badPortVariable: {
    name: 'the error for a port out of range in KAFKA_BROKERS: it names the variable (and the port)',
    pattern: /KAFKA_BROKERS/,
    example: 'error: KAFKA_BROKERS has port 99092 in "127.0.0.1:99092": a port is a number from 1 to 65535',
  },
  badPortRange: {
    name: 'the error for a port out of range in KAFKA_BROKERS: it gives the range',
    pattern: /65535/,
    example: 'error: KAFKA_BROKERS has port 99092 in "127.0.0.1:99092": a port is a number from 1 to 65535',
  },
  unreadableUrlVariable: {
    name: 'the error for a DATABASE_URL whose password is not percent-encoded: it names the variable (never the password)',
    pattern: /DATABASE_URL/,
    example: 'error: DATABASE_URL cannot be read as a URL (the value is not shown: it may hold a password)',
  },
  unreadableUrlEncoding: {
    name: 'the error for a DATABASE_URL whose password is not percent-encoded: it says to percent-encode',
    pattern: /percent-encod|encodeURIComponent|%40|%23/i,
    example: 'hint: in a URL, a user name or password with @ : / ? # % & or a space must be percent-encoded: encodeURIComponent(password) in JavaScript, urllib.parse.quote(password, safe="") in Python (p@ss#1 becomes p%40ss%231)',
  },
  noReplicationFix: {
    name: 'the error for a role without REPLICATION: the ALTER ROLE that fixes it (naming the role)',
    pattern: /ALTER ROLE/,
    example: 'hint: as a superuser run ALTER ROLE contract_norepl REPLICATION; (Postgres said: must be superuser or replication role to start walsender)',
  },
  noReplicationPrivilege: {
    name: 'the error for a role without REPLICATION: it names the privilege',
    pattern: /REPLICATION/,
    example: 'error: role contract_norepl may not stream changes: it lacks the REPLICATION attribute',
  },
  notUtf8Cause: {
    name: 'the error for a text value that is not UTF-8: it says UTF-8',
    pattern: /UTF-?8/i,
    example: 'error: Postgres cannot send a change as UTF-8: a text value in it is not valid UTF-8 (invalid byte sequence for encoding "UTF8": 0xe9)',
  },
  notUtf8Encoding: {
    name: 'the error for a text value that is not UTF-8: it names the SQL_ASCII encoding',
    pattern: /SQL_ASCII/,
    example: 'hint: the database probably has encoding SQL_ASCII, which stores any bytes unchecked (SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database());',
  },
  notUtf8WayOut: {
    name: 'the error for a text value that is not UTF-8: a way out (a UTF8 database, or pg_replication_slot_advance)',
    pattern: /pg_replication_slot_advance|UTF-?8 database/i,
    example: "the change stays in the slot and the stream stops at it every time. Fix the source: make the application write UTF-8 and move the data to a UTF8 database (then snapshot it again);",
  },
  publicationFix: {
    name: 'the error for a publication that leaves out an operation: the ALTER PUBLICATION that fixes it (naming the publication)',
    pattern: /ALTER PUBLICATION/,
    example: 'hint: ALTER PUBLICATION "cdc_lab_04" SET (publish = \'insert, update, delete, truncate\')',
  },
  publicationMissingOperation: {
    name: 'the error for a publication that leaves out an operation: the operation it leaves out',
    pattern: /delete/,
    example: 'error: publication "cdc_lab_04" does not publish delete, truncate',
  },
  slotDroppedCause: {
    name: 'the error when the slot is dropped under the bridge: it says the slot (named) is gone',
    pattern: /dropped|does not exist|no longer exists/i,
    example: "error: slot 'cdc_lab_04' was dropped while the bridge was reading it (Postgres ended the replication connection: terminating connection due to administrator command)",
  },
  slotDroppedSnapshot: {
    name: 'the error when the slot is dropped under the bridge: snapshot again to fill the gap',
    pattern: /snapshot/i,
    example: 'hint: the changes after its last confirmed position are in no slot any more: a new run makes a new slot that starts from now, and Kafka will miss what happened in between. To fill the gap, snapshot the captured tables again (lab 6) after starting the new slot; to stop it happening, drop only slots whose pg_replication_slots.active is false and that nothing will read again',
  },
  oversizedKey: {
    name: 'the error for an event larger than the topic accepts: it names the key (here id 1)',
    pattern: /"id"\s*:\s*1\b|\bid\s*=\s*1\b/,
    example: 'error: Kafka refused a change event of table public.docs, key {"id":1}: it is 80.5 kB (82389 bytes) and topic cdc.public.docs accepts at most 64.0 kB (max.message.bytes = 65536)',
  },
});

/** Whether `line` is the listening line for `slot`. */
export function listensOn(line: string, slot: string): boolean {
  return lineFormats.listening.pattern.exec(line)?.[1] === slot;
}
