import { describe, expect, it } from 'vitest';
import { pageQuery } from '../src/poll.ts';

const after = { updatedAt: '2026-01-05T10:00:00.123456Z', id: '9' };

describe('the page query', () => {
  it('compares the pair (updated_at, id) in keyset mode, and passes everything as parameters', () => {
    const query = pageQuery({ after, mode: 'keyset', lagMs: 250, limit: 2 });
    expect(query.text).toMatch(/\("updated_at", "id"\) > \(\$2::timestamptz, \$3::bigint\)/);
    expect(query.text).toMatch(/ORDER BY "updated_at", "id"/);
    expect(query.values).toEqual([250, after.updatedAt, after.id, 2]);
  });

  it('compares updated_at alone in naive mode', () => {
    const query = pageQuery({ after, mode: 'naive', lagMs: 0, limit: 2 });
    expect(query.text).toMatch(/WHERE "updated_at" > \$2::timestamptz/);
    expect(query.values).toEqual([0, after.updatedAt, 2]);
  });
});
