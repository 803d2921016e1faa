import { runMain } from '@cdc-lab/common';
import { runProgram } from './program.ts';

// Lab 9, Debezium on Kafka Connect: pnpm lab 9 [run | config | status | pause | resume | restart | delete | snapshot | compare | outbox].
await runMain(() => runProgram(process.argv.slice(2)));
// kafkajs may keep a reconnect timer alive after the last disconnect: the work is done.
process.exit();
