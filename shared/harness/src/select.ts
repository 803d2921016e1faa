import { ConfigurationError } from '@cdc-lab/common';
import type { DockerEndpoint, EndpointCheck } from './docker/endpoint.ts';
import { PROVIDER_NAMES, type ProviderName } from './types.ts';

/** The variable that forces a provider, whatever else is true of the machine. */
export const PROVIDER_VARIABLE = 'CDC_LAB_PROVIDER';

export interface SelectionFacts {
  env: Record<string, string | undefined>;
  /** Whether the Docker engine at `endpoint` answers (not merely whether the client is installed). */
  dockerAnswers: (endpoint?: DockerEndpoint) => Promise<boolean>;
  /**
   * Where testcontainers would find the engine (docker/endpoint.ts). Without it the engine is
   * only asked whether it answers, wherever the docker CLI points.
   */
  dockerEndpoint?: () => EndpointCheck;
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
 *  3. A Docker engine answers → `docker`. The engine is the one the docker CLI would use
 *     (DOCKER_HOST, else the current context, else the default socket), since testcontainers
 *     is then told exactly that; a unix socket that does not exist means `local`, and says why.
 *  4. Otherwise `local`: processes on this machine.
 */
export async function selectProvider({ env, dockerAnswers, dockerEndpoint }: SelectionFacts): Promise<Selection> {
  const forced = env[PROVIDER_VARIABLE]?.trim();
  if (forced) {
    if (!(PROVIDER_NAMES as readonly string[]).includes(forced)) {
      throw new ConfigurationError(`${PROVIDER_VARIABLE}=${forced} is not a provider`, {
        hint: `use one of: ${PROVIDER_NAMES.join(', ')} (or unset it to choose automatically)`,
      });
    }
    if (forced === 'docker') {
      const check = dockerEndpoint?.();
      if (check?.usable === false) {
        throw new ConfigurationError(`${PROVIDER_VARIABLE}=docker, but ${check.why}`, { hint: check.fix });
      }
    }
    return { provider: forced as ProviderName, reason: `${PROVIDER_VARIABLE}=${forced}` };
  }
  if (env.DATABASE_URL) return { provider: 'external', reason: 'DATABASE_URL is set' };
  const check = dockerEndpoint?.();
  if (check?.usable === false) {
    return { provider: 'local', reason: `${check.why}: running services as local processes` };
  }
  if (await dockerAnswers(check?.endpoint)) {
    const where = check === undefined ? '' : ` at ${check.endpoint.host} (${check.endpoint.source})`;
    return { provider: 'docker', reason: `a Docker engine answers${where}` };
  }
  return { provider: 'local', reason: 'no DATABASE_URL and no Docker engine: running services as local processes' };
}
