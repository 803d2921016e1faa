import { describe, expect, it } from 'vitest';
import { Wait } from 'testcontainers';
import { inDependencyOrder } from '../src/dependencies.ts';
import { DEBEZIUM_VERSION, KAFKA_CONNECT_VERSION, workerProperties } from '../src/local/connect.ts';
import { DEPENDS_ON as LOCAL_DEPENDS_ON, withDependencies } from '../src/local/provider.ts';
import { StackError } from '@cdc-lab/common';
import { isAttached, makeReachableInNetwork } from '../src/docker/network.ts';
import { boundPortsOf, waitStrategyFor } from '../src/docker/runtime.ts';
import { listeningAddress } from '../src/docker/services.ts';
import {
  CONNECT_DATABASE_HOST,
  CONNECT_IMAGE,
  CONNECT_IMAGE_VARIABLES,
  DOCKER_DEPENDS_ON,
  POSTGRES_CONNECTOR_CLASS,
  SCHEMA_REGISTRY_IMAGE,
  SERVICE_LABEL,
  SHARED_WORKER_PROPERTIES,
  STACK_LABEL,
  advertisesInNetworkListener,
  connectSpec,
  connectVariableFor,
  kafkaSpec,
  readinessOf,
  registrySpec,
  stackId,
  stackNetworkLabels,
  stackNetworkName,
} from '../src/docker/specs.ts';
import { SERVICE_NAMES } from '../src/types.ts';

// The registry and Connect containers, the stack network and the decisions around them, checked
// as plain data: this machine has no Docker engine, so nothing here starts a container.

const stateDir = '/tmp/stack-a';

/**
 * What the Debezium image's entrypoint makes of an environment: its own variables (BOOTSTRAP_SERVERS,
 * KEY_CONVERTER, …) are exported as CONNECT_* *after* the environment is read, overwriting any
 * CONNECT_* of the same name; then every CONNECT_A_B becomes the property a.b.
 */
function workerConfigFromImageEnvironment(environment: Record<string, string>): Record<string, string> {
  const merged: Record<string, string> = { ...environment };
  for (const [property, variable] of Object.entries(CONNECT_IMAGE_VARIABLES)) {
    const value = environment[variable];
    if (value !== undefined) merged[`CONNECT_${property.toUpperCase().replaceAll('.', '_')}`] = value;
  }
  if (environment.ADVERTISED_HOST_NAME !== undefined) merged.CONNECT_REST_ADVERTISED_HOST_NAME = environment.ADVERTISED_HOST_NAME;
  if (environment.ADVERTISED_PORT !== undefined) merged.CONNECT_REST_ADVERTISED_PORT = environment.ADVERTISED_PORT;
  return Object.fromEntries(Object.entries(merged)
    .filter(([name]) => name.startsWith('CONNECT_'))
    .map(([name, value]) => [name.slice('CONNECT_'.length).toLowerCase().replaceAll('_', '.'), value]));
}

describe('the stack network', () => {
  it('is named after the stack and labelled like its containers', () => {
    expect(stackNetworkName(stateDir)).toBe(`cdc-lab-${stackId(stateDir)}`);
    expect(stackNetworkName(stateDir)).not.toBe(stackNetworkName('/tmp/stack-b'));
    expect(stackNetworkLabels(stateDir)).toEqual({ [STACK_LABEL]: stackId(stateDir) });
  });

  it('holds every container of the stack, each under its own alias', () => {
    const specs = [
      kafkaSpec({ stateDir, hostPort: 49092 }),
      registrySpec({ stateDir, hostPort: 48081 }),
      connectSpec({ stateDir, hostPort: 48083 }),
    ];
    expect(specs.map((spec) => spec.network)).toEqual([
      { name: stackNetworkName(stateDir), aliases: ['kafka'] },
      { name: stackNetworkName(stateDir), aliases: ['schema-registry'] },
      { name: stackNetworkName(stateDir), aliases: ['connect'] },
    ]);
  });

  it('tells attached containers from containers of an older stack', () => {
    const network = stackNetworkName(stateDir);
    expect(isAttached({ NetworkSettings: { Networks: { bridge: {}, [network]: {} } } } as never, network)).toBe(true);
    expect(isAttached({ NetworkSettings: { Networks: { bridge: {} } } } as never, network)).toBe(false);
  });
});

describe('a Kafka container of an older stack', () => {
  it('is recognised by the missing in-network listener', () => {
    const current = Object.entries(kafkaSpec({ stateDir, hostPort: 49092 }).environment).map(([key, value]) => `${key}=${value}`);
    expect(advertisesInNetworkListener(current)).toBe(true);
    expect(advertisesInNetworkListener(['KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://localhost:49092', 'KAFKA_NODE_ID=1'])).toBe(false);
    expect(advertisesInNetworkListener([])).toBe(false);
  });
});

describe('reaching Postgres and Kafka from the registry and Connect', () => {
  const network = stackNetworkName(stateDir);
  const currentKafkaEnv = Object.entries(kafkaSpec({ stateDir, hostPort: 49092 }).environment).map(([key, value]) => `${key}=${value}`);

  /** Just what makeReachableInNetwork asks of the engine: inspect one container, connect it to a network. */
  function fakeEngine(details: { Env: string[]; networks: string[] }) {
    const attached: Array<{ id: string; network: string; aliases: string[] }> = [];
    const client = {
      container: {
        getById: (id: string) => ({ id }),
        inspect: async () => ({
          Config: { Env: details.Env },
          NetworkSettings: { Networks: Object.fromEntries(details.networks.map((name) => [name, {}])) },
        }),
        connectToNetwork: async (container: { id: string }, target: { id: string }, aliases: string[]) => {
          attached.push({ id: container.id, network: target.id, aliases });
        },
      },
      network: { getById: (id: string) => ({ id }) },
    };
    return { client: client as never, attached };
  }

  it('leaves a container that is on the network alone', async () => {
    const { client, attached } = fakeEngine({ Env: currentKafkaEnv, networks: ['bridge', network] });
    await makeReachableInNetwork(client, network, 'kafka', 'k1', () => {});
    expect(attached).toEqual([]);
  });

  it('attaches an older stack\'s Postgres under its alias, without a restart', async () => {
    const { client, attached } = fakeEngine({ Env: ['POSTGRES_DB=cdclab'], networks: ['bridge'] });
    const lines: string[] = [];
    await makeReachableInNetwork(client, network, 'postgres', 'p1', (line) => lines.push(line));
    expect(attached).toEqual([{ id: 'p1', network, aliases: ['postgres'] }]);
    expect(lines.join('\n')).toMatch(/attaching postgres/);
  });

  it('attaches a current Kafka that lost the network', async () => {
    const { client, attached } = fakeEngine({ Env: currentKafkaEnv, networks: ['bridge'] });
    await makeReachableInNetwork(client, network, 'kafka', 'k1', () => {});
    expect(attached).toEqual([{ id: 'k1', network, aliases: ['kafka'] }]);
  });

  it('refuses an older stack\'s Kafka, which has no in-network listener, and says to recreate the stack', async () => {
    const { client, attached } = fakeEngine({ Env: ['KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://localhost:49092'], networks: ['bridge'] });
    const attempt = makeReachableInNetwork(client, network, 'kafka', 'k1', () => {});
    await expect(attempt).rejects.toBeInstanceOf(StackError);
    await expect(attempt).rejects.toMatchObject({ hint: expect.stringMatching(/pnpm stack down`, then `pnpm stack up/) });
    expect(attached).toEqual([]);
  });
});

describe('registrySpec', () => {
  const spec = registrySpec({ stateDir, hostPort: 48081 });

  it('runs the Confluent registry docker-compose.yml names', () => {
    expect(spec.image).toBe('confluentinc/cp-schema-registry:7.7.1');
    expect(SCHEMA_REGISTRY_IMAGE).toBe(spec.image);
  });

  it('keeps its schemas in Kafka through the in-network listener, one replica', () => {
    expect(spec.environment).toMatchObject({
      SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS: 'PLAINTEXT://kafka:19092',
      SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR: '1',
      SCHEMA_REGISTRY_HOST_NAME: 'schema-registry',
    });
  });

  it('defaults to BACKWARD compatibility, like the local provider', () => {
    expect(spec.environment.SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL).toBe('BACKWARD');
  });

  it('serves its REST API on 8081, published on the chosen host port', () => {
    expect(spec.environment.SCHEMA_REGISTRY_LISTENERS).toBe('http://0.0.0.0:8081');
    expect(spec.ports).toEqual([{ container: 8081, host: 48081 }]);
  });

  it('is labelled with its stack and service', () => {
    expect(spec.labels).toEqual({ [STACK_LABEL]: stackId(stateDir), [SERVICE_LABEL]: 'registry' });
  });

  it('is ready when the REST API answers, on a first start and after a restart alike', () => {
    expect(spec.readiness).toEqual({ kind: 'http', port: 8081, path: '/subjects' });
    expect(readinessOf('registry').readiness).toEqual(spec.readiness);
  });
});

describe('connectSpec', () => {
  const spec = connectSpec({ stateDir, hostPort: 48083 });
  const worker = workerConfigFromImageEnvironment(spec.environment);
  const local = workerProperties({ brokers: 'kafka:19092', port: 8083, pluginPath: '/unused' });

  it('runs the Debezium release of the local provider', () => {
    // Debezium's images carry a tag per release; 3.6.1.Final is built from connect/3.6 of
    // github.com/debezium/container-images, on Kafka Connect 4.3.0 (kafka/3.6/Dockerfile
    // `ARG KAFKA_VERSION=4.3.0`), the Connect the local provider runs (KAFKA_CONNECT_VERSION).
    expect(spec.image).toBe('quay.io/debezium/connect:3.6.1.Final');
    expect(CONNECT_IMAGE).toBe(`quay.io/debezium/connect:${DEBEZIUM_VERSION}`);
    // The Kafka release Debezium 3.6.1.Final is compiled against: <version.kafka>4.3.0</version.kafka>
    // in io.debezium:debezium-build-parent:3.6.1.Final; the broker stays at KAFKA_VERSION.
    expect(KAFKA_CONNECT_VERSION).toBe('4.3.0');
  });

  it('configures the worker as the local one: group, topics, converters, exactly-once, flush interval', () => {
    for (const property of SHARED_WORKER_PROPERTIES) expect(worker[property], property).toBe(local[property]);
    expect(worker).toMatchObject({
      'bootstrap.servers': 'kafka:19092',
      'group.id': 'cdc-lab-connect',
      'config.storage.replication.factor': '1',
      'offset.storage.replication.factor': '1',
      'status.storage.replication.factor': '1',
      'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'value.converter.schemas.enable': 'false',
      'exactly.once.source.support': 'enabled',
      'offset.flush.interval.ms': '1000',
    });
  });

  it('uses the image\'s own variables where its entrypoint would overwrite a CONNECT_* one', () => {
    expect(spec.environment).toMatchObject({
      BOOTSTRAP_SERVERS: 'kafka:19092',
      GROUP_ID: 'cdc-lab-connect',
      CONFIG_STORAGE_TOPIC: 'cdc-lab-connect-configs',
      OFFSET_STORAGE_TOPIC: 'cdc-lab-connect-offsets',
      STATUS_STORAGE_TOPIC: 'cdc-lab-connect-status',
      OFFSET_FLUSH_INTERVAL_MS: '1000',
    });
    for (const property of Object.keys(CONNECT_IMAGE_VARIABLES)) {
      expect(Object.keys(spec.environment)).not.toContain(`CONNECT_${property.toUpperCase().replaceAll('.', '_')}`);
    }
  });

  it('names every other property the way the entrypoint reads it back', () => {
    expect(connectVariableFor('exactly.once.source.support')).toBe('CONNECT_EXACTLY_ONCE_SOURCE_SUPPORT');
    expect(connectVariableFor('key.converter')).toBe('KEY_CONVERTER');
    expect(() => connectVariableFor('plugin_path')).toThrow();
  });

  it('serves REST on every interface on 8083, published on the chosen host port, advertised by alias', () => {
    expect(worker.listeners).toBe('http://0.0.0.0:8083');
    expect(worker['rest.advertised.host.name']).toBe('connect');
    expect(spec.ports).toEqual([{ container: 8083, host: 48083 }]);
  });

  it('is labelled with its stack and service', () => {
    expect(spec.labels).toEqual({ [STACK_LABEL]: stackId(stateDir), [SERVICE_LABEL]: 'connect' });
  });

  it('is ready when the worker is healthy and lists the Debezium Postgres connector', () => {
    expect(spec.readiness).toEqual({
      kind: 'all',
      of: [
        { kind: 'http', port: 8083, path: '/health' },
        { kind: 'http', port: 8083, path: '/connector-plugins', bodyIncludes: POSTGRES_CONNECTOR_CLASS },
      ],
    });
    expect(POSTGRES_CONNECTOR_CLASS).toBe('io.debezium.connector.postgresql.PostgresConnector');
    expect(readinessOf('connect').readiness).toEqual(spec.readiness);
  });
});

describe('readiness as wait strategies', () => {
  it('turns every kind of readiness into a testcontainers wait strategy with the service\'s timeout', () => {
    for (const service of SERVICE_NAMES) {
      const { readiness, startupTimeoutMs } = readinessOf(service);
      const strategy = waitStrategyFor(readiness, startupTimeoutMs);
      // A composite (Connect) has no timeout of its own: its parts and its deadline carry it.
      if (readiness.kind === 'all') expect(strategy).toBeInstanceOf(Wait.forAll([]).constructor);
      else expect(strategy.getStartupTimeout(), service).toBe(startupTimeoutMs);
    }
  });

  it('finds the host port of a restarted container from docker inspect', () => {
    const bound = boundPortsOf({
      NetworkSettings: { Ports: { '8083/tcp': [{ HostIp: '0.0.0.0', HostPort: '48083' }, { HostIp: '::', HostPort: '48083' }], '8778/tcp': null } },
    } as never);
    expect(bound.getBinding(8083)).toBe(48083);
    expect(() => bound.getBinding(8778)).toThrow();
  });
});

describe('the docker provider\'s start order', () => {
  it('starts Kafka before the registry, and Kafka and Postgres before Connect', () => {
    expect(inDependencyOrder(['registry'], DOCKER_DEPENDS_ON)).toEqual(['kafka', 'registry']);
    expect(inDependencyOrder(['connect'], DOCKER_DEPENDS_ON)).toEqual(['kafka', 'postgres', 'connect']);
    expect(inDependencyOrder(['postgres', 'kafka', 'registry', 'connect'], DOCKER_DEPENDS_ON)).toEqual(['postgres', 'kafka', 'registry', 'connect']);
  });

  it('orders like the local provider when given the local dependencies', () => {
    for (const services of [['connect'], ['registry', 'kafka'], [...SERVICE_NAMES]] as const) {
      expect(inDependencyOrder(services, LOCAL_DEPENDS_ON)).toEqual(withDependencies(services));
    }
  });
});

describe('where a recorded service listens', () => {
  it('reads host and port from each kind of endpoint', () => {
    expect(listeningAddress('postgres', { endpoint: { host: 'localhost', port: 45432 } })).toEqual({ host: 'localhost', port: 45432 });
    expect(listeningAddress('kafka', { endpoint: { brokers: 'localhost:49092' } })).toEqual({ host: 'localhost', port: 49092 });
    expect(listeningAddress('registry', { endpoint: { url: 'http://localhost:48081' } })).toEqual({ host: 'localhost', port: 48081 });
    expect(listeningAddress('connect', { endpoint: { url: 'http://[::1]:48083', databaseHost: CONNECT_DATABASE_HOST } })).toEqual({ host: '::1', port: 48083 });
  });

  it('has none for a record without an address', () => {
    expect(listeningAddress('connect', { endpoint: {} })).toBeUndefined();
    expect(listeningAddress('registry', { endpoint: { url: 'not a url' } })).toBeUndefined();
  });
});
