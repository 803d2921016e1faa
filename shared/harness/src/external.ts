import { ConfigurationError, StackError } from '@cdc-lab/common';
import type {
  ProviderContext, ServiceName, ServiceRecord, StackEnv, StackProvider, StackServices,
} from './types.ts';
import { isPortOpen } from './ports.ts';

/** Which variable names each service, for the external provider. */
export const SERVICE_VARIABLES: Record<ServiceName, keyof StackEnv> = {
  postgres: 'DATABASE_URL',
  kafka: 'KAFKA_BROKERS',
  registry: 'SCHEMA_REGISTRY_URL',
  connect: 'CONNECT_URL',
};

/**
 * Variables read beside a service's own when set. docker-compose.yml's Connect worker reaches
 * Postgres at postgres:5432, not at DATABASE_URL's host, and only the user can say so.
 */
export const OPTIONAL_SERVICE_VARIABLES: Partial<Record<ServiceName, readonly (keyof StackEnv)[]>> = {
  connect: ['CONNECT_DATABASE_HOST'],
};

/**
 * Services someone else runs (docker compose, a cloud database, a colleague's cluster):
 * we only read their addresses from the environment and check that they answer. We never
 * stop or restart them, so the crash tests that restart a broker need another provider.
 */
export class ExternalProvider implements StackProvider {
  readonly name = 'external' as const;

  constructor(private readonly env: Record<string, string | undefined> = process.env) {}

  supports(service: ServiceName): boolean {
    return Boolean(this.env[SERVICE_VARIABLES[service]]);
  }

  async start(services: readonly ServiceName[], current: StackServices): Promise<StackServices> {
    const result: StackServices = { ...current };
    for (const service of services) {
      const variable = SERVICE_VARIABLES[service];
      const value = this.env[variable];
      if (!value) {
        throw new ConfigurationError(`${variable} is not set, and this lab needs ${service}`, {
          hint: `export ${variable} (see docker-compose.yml for the values), or unset DATABASE_URL to let cdc-lab start the services itself`,
        });
      }
      const record = externalRecord(service, value, this.env);
      if (!(await answers(service, record))) {
        throw new StackError(`${service} does not answer at ${describe(service, value)} (from ${variable})`, {
          hint: 'start it (docker compose up -d) or correct the variable',
          retriable: true,
        });
      }
      (result as Record<ServiceName, ServiceRecord>)[service] = record;
    }
    return result;
  }

  isRunning(service: ServiceName, record: ServiceRecord): Promise<boolean> {
    return answers(service, record);
  }

  async stopService(service: ServiceName): Promise<void> {
    throw new StackError(`cannot stop ${service}: the external provider does not manage it`, {
      hint: 'tests that restart services need the local or docker provider (unset DATABASE_URL, or set CDC_LAB_PROVIDER=local)',
    });
  }

  async restartService(service: ServiceName): Promise<ServiceRecord> {
    return this.stopService(service) as never;
  }

  async pauseService(service: ServiceName): Promise<void> {
    return this.stopService(service);
  }

  async resumeService(service: ServiceName): Promise<void> {
    return this.stopService(service);
  }

  async teardown(_services: StackServices, ctx: ProviderContext): Promise<void> {
    ctx.report('external services are left running: they are not ours to stop');
  }
}

function externalRecord(service: ServiceName, value: string, env: Record<string, string | undefined>): ServiceRecord {
  switch (service) {
    case 'postgres': {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        throw new ConfigurationError('DATABASE_URL is not a URL', { hint: 'use the form postgres://user:password@host:5432/database' });
      }
      if (!/^postgres(ql)?:$/.test(url.protocol)) {
        throw new ConfigurationError(`DATABASE_URL has protocol ${url.protocol}`, { hint: 'use postgres://user:password@host:5432/database' });
      }
      return {
        endpoint: {
          host: url.hostname,
          port: Number(url.port || 5432),
          user: decodeURIComponent(url.username || 'postgres'),
          password: decodeURIComponent(url.password),
          database: decodeURIComponent(url.pathname.replace(/^\//, '') || 'postgres'),
        },
      };
    }
    case 'kafka':
      return { endpoint: { brokers: value } };
    case 'connect': {
      const databaseHost = env.CONNECT_DATABASE_HOST?.trim();
      if (!databaseHost) return { endpoint: { url: value } };
      if (!isHostAndPort(databaseHost)) {
        throw new ConfigurationError(`CONNECT_DATABASE_HOST=${databaseHost} is not host:port`, {
          hint: 'give Postgres\'s address as the Connect worker reaches it, e.g. postgres:5432 for docker-compose.yml (or unset it)',
        });
      }
      return { endpoint: { url: value, databaseHost } };
    }
    default:
      return { endpoint: { url: value } };
  }
}

/** `name:5432` or `[::1]:5432`: a host without scheme or path, and a port. */
export function isHostAndPort(value: string): boolean {
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+):(\d{1,5})$/.exec(value);
  return match !== null && Number(match[2]) > 0 && Number(match[2]) < 65536;
}

async function answers(service: ServiceName, record: ServiceRecord): Promise<boolean> {
  const endpoint = record.endpoint as { host?: string; port?: number; brokers?: string; url?: string };
  if (service === 'postgres') return isPortOpen(endpoint.port ?? 5432, endpoint.host);
  if (service === 'kafka') {
    const [host, port] = (endpoint.brokers ?? '').split(',')[0]!.split(':');
    return isPortOpen(Number(port), host);
  }
  const url = new URL(endpoint.url ?? '');
  return isPortOpen(Number(url.port || (url.protocol === 'https:' ? 443 : 80)), url.hostname);
}

function describe(service: ServiceName, value: string): string {
  if (service !== 'postgres') return value;
  try {
    const url = new URL(value);
    return `${url.hostname}:${url.port || 5432}`;
  } catch {
    return 'DATABASE_URL';
  }
}
