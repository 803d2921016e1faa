/**
 * Broken on purpose: sends status updates every 10 s, as a physical standby does, whatever the
 * server's wal_sender_timeout. While Kafka is slow the bridge reads nothing from the socket —
 * keepalive requests included — so with a 2 s timeout Postgres hangs up. The backpressure
 * stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

const tenSeconds = async (): Promise<number> => 10_000;

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, statusInterval: tenSeconds }));
