import { ConfigurationError } from '@cdc-lab/common';
import { defaultStateDir, readState, stackEnv, type StackEnv } from '@cdc-lab/harness';

/**
 * The stack to observe: the one recorded in the state folder (what `pnpm -s stack env` prints),
 * else the services named in the environment (the external provider's variables).
 */
export function observedStackEnv(env: Record<string, string | undefined> = process.env, stateDir = defaultStateDir()): StackEnv {
  const state = readState(stateDir);
  if (state && !env.DATABASE_URL) return stackEnv(state.services);
  if (env.DATABASE_URL) {
    const named: StackEnv = { DATABASE_URL: env.DATABASE_URL };
    if (env.KAFKA_BROKERS) named.KAFKA_BROKERS = env.KAFKA_BROKERS;
    if (env.SCHEMA_REGISTRY_URL) named.SCHEMA_REGISTRY_URL = env.SCHEMA_REGISTRY_URL;
    if (env.CONNECT_URL) named.CONNECT_URL = env.CONNECT_URL;
    return named;
  }
  throw new ConfigurationError('no stack is running, so there is nothing to observe', {
    hint: 'start one first (pnpm stack up, or pnpm lab N), or set DATABASE_URL and KAFKA_BROKERS for a stack of your own',
  });
}
