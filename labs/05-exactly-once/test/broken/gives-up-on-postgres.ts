/**
 * Broken on purpose: starts a new session after a Kafka failure but not after a lost Postgres
 * connection — as if only the broker could restart. Every Postgres restart, failover or
 * upgrade stops the bridge until someone starts it again, while the slot holds back WAL. The
 * postgres-restart stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

await runMain(() => runProgram(process.argv.slice(2), process.env, {
  ...referenceParts,
  worthRetrying: (error) => error instanceof Error && error.name.startsWith('KafkaJS') && referenceParts.worthRetrying(error),
}));
