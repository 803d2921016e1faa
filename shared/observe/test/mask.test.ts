import { describe, expect, it } from 'vitest';
import { maskConfig, maskText, maskUrl } from '../src/mask.ts';

describe('masking', () => {
  it('hides the password of connection URLs, libpq strings and JDBC query strings', () => {
    expect(maskUrl('postgres://postgres:s3cr%40t@127.0.0.1:5432/cdclab')).toBe('postgres://postgres:***@127.0.0.1:5432/cdclab');
    expect(maskText('could not connect to postgres://app:hunter2@db:5432/x')).toBe('could not connect to postgres://app:***@db:5432/x');
    expect(maskText("host=db user=app password='a b' dbname=x")).toBe('host=db user=app password=*** dbname=x');
    expect(maskText('jdbc:postgresql://db/x?user=app&password=hunter2&ssl=true')).toBe('jdbc:postgresql://db/x?user=app&password=***&ssl=true');
  });

  it('hides every secret-named value of a connector config and passwords inside the others', () => {
    const masked = maskConfig({
      'database.password': 'hunter2',
      'database.user': 'postgres',
      'ssl.key.password': 'k',
      'sasl.jaas.config': 'org.apache.kafka.common.security.plain.PlainLoginModule required username="a" password="b";',
      'heartbeat.action.query': 'INSERT INTO heartbeat VALUES (1)',
      'schema.registry.url': 'http://user:pw@registry:8081',
    });
    expect(masked).toEqual({
      'database.password': '***',
      'database.user': 'postgres',
      'ssl.key.password': '***',
      'sasl.jaas.config': '***',
      'heartbeat.action.query': 'INSERT INTO heartbeat VALUES (1)',
      'schema.registry.url': 'http://user:***@registry:8081',
    });
    expect(JSON.stringify(masked)).not.toMatch(/hunter2|pw@/);
  });
});
