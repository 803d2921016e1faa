import { runMain } from '@cdc-lab/common';
import { runProgram } from './program.ts';

// Lab 4, the Kafka bridge: pnpm lab 4 [stream | tail] (see settings.ts for flags).
await runMain(() => runProgram(process.argv.slice(2)));
// Done, one way or another. When the bridge gave up on a broker that never answered, kafkajs
// would go on retrying that batch in the background for ever: do not let it keep us alive.
process.exit();
