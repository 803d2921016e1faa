import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  CONNECT_IMAGE,
  KAFKA_IMAGE,
  POSTGRES_IMAGE,
  SCHEMA_REGISTRY_IMAGE,
  type ContainerSpec,
  connectSpec,
  kafkaSpec,
  postgresSpec,
  registrySpec,
} from '../src/docker/specs.ts';
import { repoRoot } from '../src/state.ts';

// Every image the docker provider and docker-compose.yml run, and every variable they give
// one, checked against what the image's own documentation or entrypoint says it reads. There
// is no Docker engine here to try them, so a new tag or a new variable must come with a row
// below, and the row with the place it was read: change an image or a variable without looking
// there, and this test fails.

/** How an image turns a variable into a setting, as its entrypoint or docs state it. */
interface MappingRule {
  /** Where the rule is written. */
  source: string;
  /** The property a variable becomes, or undefined when the rule does not apply to it. */
  toProperty: (variable: string) => string | undefined;
}

interface VariableSource {
  /** The setting it becomes (for a mapped variable, exactly what the image's rule yields). */
  property: string;
  /** The page or line that documents the variable or the setting. */
  source: string;
}

interface ImageSource {
  image: string;
  /**
   * The version the sources below are pinned to: the tag itself, or the folder of the image
   * source tree that builds it (postgres/16, connect-base/3.6).
   */
  sourceVersion: string;
  /** The image's documentation. */
  docs: string;
  /** The script (or code) that reads the variables. */
  entrypoint: string;
  mapping?: MappingRule;
  variables: Readonly<Record<string, VariableSource>>;
}

/** Strip `prefix`, lower-case, and turn `___`, `__`, `_` into `-`, `_`, `.`. */
function underscoresToProperty(prefix: string): (variable: string) => string | undefined {
  return (variable) => {
    if (!variable.startsWith(prefix)) return undefined;
    return variable.slice(prefix.length).toLowerCase()
      .replaceAll('___', '\u0000').replaceAll('__', '\u0001').replaceAll('_', '.')
      .replaceAll('\u0000', '-').replaceAll('\u0001', '_');
  };
}

const KAFKA_DOCS = 'https://kafka.apache.org/41/documentation.html';
const KAFKA_TREE = 'https://github.com/apache/kafka/blob/4.1.2';
const POSTGRES_TREE = 'https://github.com/docker-library/postgres/blob/6edb0a8c4def40c371514b34aef9037ec82d9110/16/bookworm';
const REGISTRY_TREE = 'https://github.com/confluentinc/schema-registry-images/blob/v7.7.1/schema-registry';
const REGISTRY_CONFIG = 'https://docs.confluent.io/platform/7.7/schema-registry/installation/config.html';
// v3.6.0.Final of the images repository (07fabf0, "Updated container images for release 3.6.0.Final"):
// connect-base/3.6, which every 3.6.x tag builds on, and whose entrypoint 3.6.1.Final runs.
const DEBEZIUM_TREE = 'https://github.com/debezium/container-images/blob/07fabf0541b948a0da58e4d8d0092d4e44696399';
// The Connect inside that image: kafka/3.6/Dockerfile installs Kafka 4.3.0 (ARG KAFKA_VERSION=4.3.0).
const CONNECT_KAFKA_DOCS = 'https://kafka.apache.org/43/documentation.html';
const CONNECT_KAFKA_TREE = 'https://github.com/apache/kafka/blob/4.3.0';
const KAFBAT_TREE = 'https://github.com/kafbat/kafka-ui/blob/v1.5.0';

const broker = (property: string): VariableSource => ({ property, source: `${KAFKA_DOCS}#brokerconfigs_${property}` });
const worker = (property: string): VariableSource => ({ property, source: `${CONNECT_KAFKA_DOCS}#connectconfigs_${property}` });
const registry = (property: string): VariableSource => ({ property, source: REGISTRY_CONFIG });
const debeziumOwn = (property: string): VariableSource => ({ property, source: `${DEBEZIUM_TREE}/connect-base/3.6/docker-entrypoint.sh` });
const kafbat = (property: string): VariableSource => ({ property, source: `${KAFBAT_TREE}/api/src/main/java/io/kafbat/ui/config/ClustersProperties.java` });

const IMAGE_SOURCES: readonly ImageSource[] = [
  {
    image: 'postgres:16',
    sourceVersion: '16',
    docs: 'https://hub.docker.com/_/postgres',
    // initdb --username="$POSTGRES_USER" --pwfile=<(… "$POSTGRES_PASSWORD"), then CREATE DATABASE "$POSTGRES_DB".
    // CDC_LAB_POSTGRES picks postgres:14 to postgres:18 instead: their entrypoints read the same
    // three variables. From 18, PGDATA is /var/lib/postgresql/18/docker and the VOLUME
    // /var/lib/postgresql (docker-library/postgres#1259); the stack mounts no volume, so no
    // spec changes with the major.
    entrypoint: `${POSTGRES_TREE}/docker-entrypoint.sh`,
    variables: {
      POSTGRES_USER: { property: 'superuser name (initdb --username)', source: `${POSTGRES_TREE}/docker-entrypoint.sh` },
      POSTGRES_PASSWORD: { property: 'superuser password (initdb --pwfile)', source: `${POSTGRES_TREE}/docker-entrypoint.sh` },
      POSTGRES_DB: { property: 'database created on first start', source: `${POSTGRES_TREE}/docker-entrypoint.sh` },
    },
  },
  {
    image: 'apache/kafka:4.1.2',
    sourceVersion: '4.1.2',
    docs: `${KAFKA_TREE}/docker/examples/README.md`,
    // `ensure CLUSTER_ID` in KRaft mode; every other KAFKA_* becomes a server.properties line.
    entrypoint: `${KAFKA_TREE}/docker/resources/common-scripts/configure`,
    mapping: {
      source: `${KAFKA_TREE}/docker/examples/README.md#using-environment-variables`,
      toProperty: underscoresToProperty('KAFKA_'),
    },
    variables: {
      CLUSTER_ID: { property: 'the KRaft cluster id the storage is formatted with', source: `${KAFKA_TREE}/docker/resources/common-scripts/configureDefaults` },
      KAFKA_NODE_ID: broker('node.id'),
      KAFKA_PROCESS_ROLES: broker('process.roles'),
      KAFKA_LISTENERS: broker('listeners'),
      KAFKA_ADVERTISED_LISTENERS: broker('advertised.listeners'),
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: broker('listener.security.protocol.map'),
      KAFKA_INTER_BROKER_LISTENER_NAME: broker('inter.broker.listener.name'),
      KAFKA_CONTROLLER_LISTENER_NAMES: broker('controller.listener.names'),
      KAFKA_CONTROLLER_QUORUM_VOTERS: broker('controller.quorum.voters'),
      KAFKA_LOG_DIRS: broker('log.dirs'),
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: broker('offsets.topic.replication.factor'),
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: broker('transaction.state.log.replication.factor'),
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: broker('transaction.state.log.min.isr'),
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: broker('group.initial.rebalance.delay.ms'),
    },
  },
  {
    image: 'confluentinc/cp-schema-registry:7.7.1',
    sourceVersion: '7.7.1',
    docs: 'https://docs.confluent.io/platform/7.7/installation/docker/config-reference.html',
    // `ub ensure` SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS and SCHEMA_REGISTRY_HOST_NAME, then
    // the properties template turns every SCHEMA_REGISTRY_* into a property (env_to_props).
    entrypoint: `${REGISTRY_TREE}/include/etc/confluent/docker/configure`,
    mapping: {
      source: `${REGISTRY_TREE}/include/etc/confluent/docker/schema-registry.properties.template`,
      toProperty: underscoresToProperty('SCHEMA_REGISTRY_'),
    },
    variables: {
      SCHEMA_REGISTRY_HOST_NAME: registry('host.name'),
      SCHEMA_REGISTRY_LISTENERS: registry('listeners'),
      SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS: registry('kafkastore.bootstrap.servers'),
      SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR: registry('kafkastore.topic.replication.factor'),
      SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL: registry('schema.compatibility.level'),
    },
  },
  {
    image: 'quay.io/debezium/connect:3.6.1.Final',
    sourceVersion: '3.6',
    // connect/3.6/Dockerfile builds FROM connect-base:3.6 (which builds FROM kafka:3.6, Kafka
    // 4.3.0); at v3.6.0.Final it sets DEBEZIUM_VERSION="3.6.0.Final", and each 3.6.x release
    // bumps that line only. 3.6.1.Final is a published release (debezium.github.io
    // _data/releases/3.6/3.6.1.Final.yml, 2026-08-04); the entrypoint reads the same variables
    // as 3.4's (connect-base/3.6 only adds APICURIO_REGISTRY and ENABLE_CHRONICLE_QUEUE).
    docs: `${DEBEZIUM_TREE}/connect-base/3.6/README.md`,
    // Its own names (BOOTSTRAP_SERVERS, GROUP_ID, …) are exported as CONNECT_* after the
    // environment is read; any other CONNECT_A_B becomes the worker property a.b.
    entrypoint: `${DEBEZIUM_TREE}/connect-base/3.6/docker-entrypoint.sh`,
    mapping: {
      source: `${DEBEZIUM_TREE}/connect-base/3.6/docker-entrypoint.sh`,
      toProperty: (variable) => variable.startsWith('CONNECT_')
        ? variable.slice('CONNECT_'.length).toLowerCase().replaceAll('_', '.')
        : undefined,
    },
    variables: {
      BOOTSTRAP_SERVERS: debeziumOwn('bootstrap.servers'),
      GROUP_ID: debeziumOwn('group.id'),
      CONFIG_STORAGE_TOPIC: debeziumOwn('config.storage.topic'),
      OFFSET_STORAGE_TOPIC: debeziumOwn('offset.storage.topic'),
      STATUS_STORAGE_TOPIC: debeziumOwn('status.storage.topic'),
      KEY_CONVERTER: debeziumOwn('key.converter'),
      VALUE_CONVERTER: debeziumOwn('value.converter'),
      OFFSET_FLUSH_INTERVAL_MS: debeziumOwn('offset.flush.interval.ms'),
      ADVERTISED_HOST_NAME: debeziumOwn('rest.advertised.host.name'),
      ADVERTISED_PORT: debeziumOwn('rest.advertised.port'),
      CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR: worker('config.storage.replication.factor'),
      CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR: worker('offset.storage.replication.factor'),
      CONNECT_STATUS_STORAGE_REPLICATION_FACTOR: worker('status.storage.replication.factor'),
      CONNECT_EXACTLY_ONCE_SOURCE_SUPPORT: worker('exactly.once.source.support'),
      CONNECT_LISTENERS: worker('listeners'),
      // Converter settings, passed to the converter under its key./value.converter. prefix.
      CONNECT_KEY_CONVERTER_SCHEMAS_ENABLE: {
        property: 'key.converter.schemas.enable',
        source: `${CONNECT_KAFKA_TREE}/connect/json/src/main/java/org/apache/kafka/connect/json/JsonConverterConfig.java`,
      },
      CONNECT_VALUE_CONVERTER_SCHEMAS_ENABLE: {
        property: 'value.converter.schemas.enable',
        source: `${CONNECT_KAFKA_TREE}/connect/json/src/main/java/org/apache/kafka/connect/json/JsonConverterConfig.java`,
      },
    },
  },
  {
    image: 'kafbat/kafka-ui:v1.5.0',
    sourceVersion: 'v1.5.0',
    // Published to Docker Hub as kafbat/kafka-ui:<release tag> by .github/workflows/docker_publish.yml.
    docs: `${KAFBAT_TREE}/README.md`,
    // A Spring Boot application: variables bind to kafka.clusters[N].* by relaxed binding.
    entrypoint: `${KAFBAT_TREE}/api/src/main/java/io/kafbat/ui/config/ClustersProperties.java`,
    mapping: {
      source: `${KAFBAT_TREE}/documentation/compose/kafbat-ui.yaml`,
      toProperty: (variable) => variable.startsWith('KAFKA_CLUSTERS_')
        ? variable.toLowerCase().replace(/_(\d+)_/g, '[$1].').replaceAll('_', '.')
        : undefined,
    },
    variables: {
      KAFKA_CLUSTERS_0_NAME: kafbat('kafka.clusters[0].name'),
      KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS: kafbat('kafka.clusters[0].bootstrapServers'),
      KAFKA_CLUSTERS_0_SCHEMAREGISTRY: kafbat('kafka.clusters[0].schemaRegistry'),
      KAFKA_CLUSTERS_0_KAFKACONNECT_0_NAME: kafbat('kafka.clusters[0].kafkaConnect[0].name'),
      KAFKA_CLUSTERS_0_KAFKACONNECT_0_ADDRESS: kafbat('kafka.clusters[0].kafkaConnect[0].address'),
    },
  },
];

/** What runs where, with the variables it is given. */
interface Usage {
  where: string;
  image: string;
  variables: string[];
}

function usagesOfSpecs(): Usage[] {
  const specs: ContainerSpec[] = [
    postgresSpec({ stateDir: '.', password: 'x', hostPort: 15432 }),
    kafkaSpec({ stateDir: '.', hostPort: 19092 }),
    registrySpec({ stateDir: '.', hostPort: 18081 }),
    connectSpec({ stateDir: '.', hostPort: 18083 }),
  ];
  return specs.map((spec) => ({
    where: `specs.ts (${spec.service})`,
    image: spec.image,
    variables: Object.keys(spec.environment),
  }));
}

function usagesOfCompose(): Usage[] {
  const text = fs.readFileSync(path.join(repoRoot(), 'docker-compose.yml'), 'utf8');
  const compose = parse(text) as { services?: Record<string, { image?: string; environment?: Record<string, unknown> | string[] }> };
  return Object.entries(compose.services ?? {}).map(([name, definition]) => {
    const environment = definition.environment ?? {};
    const variables = Array.isArray(environment)
      ? environment.map((entry) => entry.split('=')[0] ?? '')
      : Object.keys(environment);
    // A tag chosen by a variable (postgres:${CDC_LAB_POSTGRES:-16}) is checked at its default.
    const image = (definition.image ?? '').replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
    return { where: `docker-compose.yml (${name})`, image, variables };
  });
}

const usages = [...usagesOfSpecs(), ...usagesOfCompose()];

function sourceOf(image: string): ImageSource | undefined {
  return IMAGE_SOURCES.find((entry) => entry.image === image);
}

describe('image sources', () => {
  it('has a row for every image the docker provider and docker-compose.yml run', () => {
    for (const usage of usages) {
      expect(sourceOf(usage.image), `${usage.where} runs ${usage.image}, which has no row in IMAGE_SOURCES: read its docs, then add one`).toBeDefined();
    }
    expect([POSTGRES_IMAGE, KAFKA_IMAGE, SCHEMA_REGISTRY_IMAGE, CONNECT_IMAGE].every((image) => sourceOf(image) !== undefined)).toBe(true);
  });

  it('has no row for an image nothing runs', () => {
    const used = new Set(usages.map((usage) => usage.image));
    for (const entry of IMAGE_SOURCES) expect(used.has(entry.image), `${entry.image} is not run anywhere`).toBe(true);
  });

  it('cites, for every variable given to an image, where that image reads it', () => {
    for (const usage of usages) {
      const entry = sourceOf(usage.image);
      for (const variable of usage.variables) {
        expect(entry?.variables[variable], `${usage.where} sets ${variable}, which the ${usage.image} row does not cite`).toBeDefined();
      }
    }
  });

  it('has no variable row that nothing sets', () => {
    for (const entry of IMAGE_SOURCES) {
      const set = new Set(usages.filter((usage) => usage.image === entry.image).flatMap((usage) => usage.variables));
      for (const variable of Object.keys(entry.variables)) {
        expect(set.has(variable), `${entry.image}: ${variable} is cited but never set`).toBe(true);
      }
    }
  });

  it('maps each prefixed variable to the property the image\'s own rule gives', () => {
    for (const entry of IMAGE_SOURCES) {
      if (entry.mapping === undefined) continue;
      for (const [variable, { property }] of Object.entries(entry.variables)) {
        const mapped = entry.mapping.toProperty(variable);
        if (mapped === undefined) continue;
        // Spring's relaxed binding ignores case (bootstrapservers = bootstrapServers).
        expect(mapped, `${entry.image}: ${variable}`).toBe(entry.image.startsWith('kafbat/') ? property.toLowerCase() : property);
      }
    }
  });

  it('pins every source to the version that runs', () => {
    for (const entry of IMAGE_SOURCES) {
      const tag = entry.image.slice(entry.image.lastIndexOf(':') + 1);
      expect(tag.startsWith(entry.sourceVersion), `${entry.image} vs ${entry.sourceVersion}`).toBe(true);
      expect(entry.entrypoint, `${entry.image}'s entrypoint`).toContain(entry.sourceVersion);
      if (entry.mapping !== undefined) expect(entry.mapping.source).toContain(entry.sourceVersion);
    }
  });

  it('gives every source as an https address', () => {
    for (const entry of IMAGE_SOURCES) {
      const addresses = [entry.docs, entry.entrypoint, entry.mapping?.source, ...Object.values(entry.variables).map((variable) => variable.source)];
      for (const address of addresses) {
        if (address === undefined) continue;
        expect(new URL(address).protocol, address).toBe('https:');
      }
    }
  });
});
