import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@cdc-lab/common';
import { connectorConfig, type ConnectorConfigOptions } from '../src/connector/config.ts';
import { databaseCoordinates, workerDatabaseHost } from '../src/connector/database.ts';
import { maskSecrets } from '../src/connector/secrets.ts';
import { debeziumSettings } from '../src/connector/debezium-settings.ts';

const options: ConnectorConfigOptions = {
  name: 'lab09-postgres',
  databaseUrl: 'postgres://cdc%40user:s%3Acret%2Fpw@db.example:6543/orders%20db',
  slot: 'cdc_lab_09',
  publication: 'pub_09',
  topicPrefix: 'lab09',
};

describe('connectorConfig: the connector\'s settings, then this environment, then the overrides', () => {
  it('fills in the database from the URL, and the names into the connector\'s settings', () => {
    const config = connectorConfig(options);
    expect(config).toMatchObject({
      name: 'lab09-postgres',
      'database.hostname': 'db.example',
      'database.port': '6543',
      'database.user': 'cdc@user',
      'database.password': 's:cret/pw',
      'database.dbname': 'orders db',
      'slot.name': 'cdc_lab_09',
      'publication.name': 'pub_09',
      'topic.prefix': 'lab09',
    });
    // And the connector's settings are kept as they are.
    const settings = debeziumSettings({ slot: 'cdc_lab_09', publication: 'pub_09', topicPrefix: 'lab09' });
    for (const key of ['plugin.name', 'exactly.once.support', 'transaction.boundary', 'heartbeat.action.query', 'signal.data.collection', 'key.converter']) {
      expect(config[key]).toBe(settings[key]);
    }
    // Kafka Connect stores every setting as a string.
    expect(Object.entries(config).filter(([, value]) => typeof value !== 'string')).toEqual([]);
  });

  it('starts from the base it is given', () => {
    const config = connectorConfig({ ...options, base: { 'connector.class': 'X', 'snapshot.mode': 'never', 'database.hostname': 'placeholder' } });
    expect(config['connector.class']).toBe('X');
    expect(config['snapshot.mode']).toBe('never');
    expect(config['database.hostname']).toBe('db.example');
    expect(config['plugin.name']).toBeUndefined();
  });

  it('lets overrides win over the file and over the filled-in values; null removes a setting', () => {
    const config = connectorConfig({
      ...options,
      overrides: { 'snapshot.mode': 'no_data', 'slot.name': 'other_slot', 'heartbeat.action.query': null, 'table.include.list': 'public\\.users' },
    });
    expect(config['snapshot.mode']).toBe('no_data');
    expect(config['slot.name']).toBe('other_slot');
    expect(config['table.include.list']).toBe('public\\.users');
    expect('heartbeat.action.query' in config).toBe(false);
    expect(config['heartbeat.interval.ms']).toBe('10000');
  });

  it('takes host and port from CONNECT_DATABASE_HOST, and only those', () => {
    const config = connectorConfig({ ...options, connectDatabaseHost: 'postgres:5432' });
    expect(config['database.hostname']).toBe('postgres');
    expect(config['database.port']).toBe('5432');
    expect(config['database.user']).toBe('cdc@user');
    expect(config['database.password']).toBe('s:cret/pw');
    expect(config['database.dbname']).toBe('orders db');
    expect(connectorConfig({ ...options, connectDatabaseHost: '[fd00::5]:15432' })).toMatchObject({ 'database.hostname': 'fd00::5', 'database.port': '15432' });
  });

  it('rejects a CONNECT_DATABASE_HOST that is not host:port, naming the variable', () => {
    for (const bad of ['postgres', 'postgres:', ':5432', 'postgres:0', 'postgres:65536', 'postgres:99999', 'postgres://postgres:5432', 'post gres:5432', '']) {
      expect(() => connectorConfig({ ...options, connectDatabaseHost: bad }), bad).toThrow(ConfigurationError);
      expect(() => workerDatabaseHost(bad), bad).toThrow(/CONNECT_DATABASE_HOST/);
    }
    expect(workerDatabaseHost('db-1.internal:1')).toEqual({ hostname: 'db-1.internal', port: '1' });
    expect(workerDatabaseHost('10.0.0.7:65535')).toEqual({ hostname: '10.0.0.7', port: '65535' });
  });

  it('rejects a DATABASE_URL the connector cannot be given', () => {
    expect(() => connectorConfig({ ...options, databaseUrl: 'not a url' })).toThrow(ConfigurationError);
    expect(() => connectorConfig({ ...options, databaseUrl: 'postgres://u:p@host:5432/' })).toThrow(/must name a host, a user and a database/);
    expect(() => connectorConfig({ ...options, databaseUrl: 'postgres://host:5432/db' })).toThrow(/must name a host, a user and a database/);
  });

  it('takes the URL apart: default port, bare IPv6', () => {
    expect(databaseCoordinates('postgres://u:p@localhost/db')).toEqual({ hostname: 'localhost', port: '5432', user: 'u', password: 'p', dbname: 'db' });
    expect(databaseCoordinates('postgres://u:p@[::1]:5433/db').hostname).toBe('::1');
  });
});

describe('maskSecrets', () => {
  it('hides the password and anything that looks like a secret, and nothing else', () => {
    const config = connectorConfig(options);
    const masked = maskSecrets({ ...config, 'some.api.secret': 'x', 'ssl.credentials.file': 'y', 'empty.password': '' });
    expect(masked['database.password']).toBe('********');
    expect(masked['some.api.secret']).toBe('********');
    expect(masked['ssl.credentials.file']).toBe('********');
    // An empty password is shown empty: masking it would suggest there is one.
    expect(masked['empty.password']).toBe('');
    expect(JSON.stringify(masked)).not.toContain('s:cret/pw');
    expect(masked['database.user']).toBe('cdc@user');
    expect(masked['slot.name']).toBe('cdc_lab_09');
    expect(Object.keys(masked).sort()).toEqual(Object.keys({ ...config, 'some.api.secret': 'x', 'ssl.credentials.file': 'y', 'empty.password': '' }).sort());
    // The config itself is left alone: it still has to be registered.
    expect(config['database.password']).toBe('s:cret/pw');
  });
});
