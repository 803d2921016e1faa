import { ConfigurationError } from '@cdc-lab/common';
import { PROVIDER_NAMES, type ProviderName } from './types.ts';

/** The variable that forces a provider, whatever else is true of the machine. */
export const PROVIDER_VARIABLE = 'CDC_LAB_PROVIDER';

export interface SelectionFacts {
  env: Record<string, string | undefined>;
  /** Whether a Docker engine answers (not merely whether the client is installed). */
  dockerAnswers: () => Promise<boolean>;
}

export interface Selection {
  provider: ProviderName;
  /** Why this provider: printed on start so nobody has to guess. */
  reason: string;
}

/**
 * Choose a provider, in this order:
 *  1. CDC_LAB_PROVIDER, when set, decides.
 *  2. DATABASE_URL set → `external`: the user already runs the services (e.g. docker compose).
 *  3. A Docker engine answers → `docker`.
 *  4. Otherwise `local`: processes on this machine.
 */
export async function selectProvider({ env, dockerAnswers }: SelectionFacts): Promise<Selection> {
  const forced = env[PROVIDER_VARIABLE]?.trim();
  if (forced) {
    if (!(PROVIDER_NAMES as readonly string[]).includes(forced)) {
      throw new ConfigurationError(`${PROVIDER_VARIABLE}=${forced} is not a provider`, {
        hint: `use one of: ${PROVIDER_NAMES.join(', ')} (or unset it to choose automatically)`,
      });
    }
    return { provider: forced as ProviderName, reason: `${PROVIDER_VARIABLE}=${forced}` };
  }
  if (env.DATABASE_URL) return { provider: 'external', reason: 'DATABASE_URL is set' };
  if (await dockerAnswers()) return { provider: 'docker', reason: 'a Docker engine answers' };
  return { provider: 'local', reason: 'no DATABASE_URL and no Docker engine: running services as local processes' };
}
