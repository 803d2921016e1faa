import { describe, expect, it } from 'vitest';
import { ReplicationError } from '@cdc-lab/common';
import { RelationCache, type RelationMessage } from '../src/pgoutput/index.ts';
import { decodeCapture, loadFixture } from './support/fixture.ts';

const relations = decodeCapture(loadFixture()).flatMap(({ message }) => (message.tag === 'relation' ? [message] : []));

describe('RelationCache', () => {
  it('keeps the latest Relation per OID: after ALTER TABLE the new shape replaces the old', () => {
    const numbers = relations.filter((relation) => relation.name === 'numbers');
    // Sent before the first change, after ALTER TABLE … ADD COLUMN, and again before the TRUNCATE.
    expect(numbers.map((relation) => relation.columns.length)).toEqual([15, 16, 16]);
    const cache = new RelationCache();
    cache.remember(numbers[0]!);
    expect(cache.relation(numbers[0]!.relationId).columns).toHaveLength(15);
    cache.remember(numbers[1]!);
    expect(cache.relation(numbers[0]!.relationId).columns.at(-1)!.name).toBe('c_added');
  });

  it('refuses a change for a relation it has not seen, saying why', () => {
    const cache = new RelationCache();
    expect(() => cache.relation(4242)).toThrow(ReplicationError);
    expect(() => cache.relation(4242)).toThrow(/relation OID 4242.*no Relation message/);
  });

  it('remembers Type messages by OID', () => {
    const cache = new RelationCache();
    cache.remember({ tag: 'type', typeOid: 90000, namespace: 'public', name: 'mood' });
    expect(cache.type(90000)?.name).toBe('mood');
    expect(cache.hasRelation((relations[0] as RelationMessage).relationId)).toBe(false);
  });
});
