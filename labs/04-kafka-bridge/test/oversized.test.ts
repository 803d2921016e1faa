import { describe, expect, it } from 'vitest';
import type { Admin } from 'kafkajs';
import { explainOversizedRecord } from '../src/kafka/oversized.ts';

/** Kafka's "too large" is about one record, or about a whole request: the advice differs. */
describe('explainOversizedRecord', () => {
  const tooLarge = Object.assign(new Error('The request included a message larger than the max message size the server will accept'), { type: 'MESSAGE_TOO_LARGE' });
  const adminWithLimit = (limit: number) => ({
    describeConfigs: async () => ({ resources: [{ configEntries: [{ configName: 'max.message.bytes', configValue: String(limit) }] }] }),
  }) as unknown as Admin;
  const record = (bytes: number) => ({ topic: 'p.public.big', bytes, what: 'a change event of table public.big, key {"id":10100}' });

  it('blames the record, and suggests a higher limit, when the record itself is too big', async () => {
    const error = await explainOversizedRecord(tooLarge, record(2_000_000), adminWithLimit(1_048_588), ['localhost:9092']);
    expect(error?.message).toMatch(/Kafka refused a change event of table public.big, key \{"id":10100\}: it is .* accepts at most/);
    const suggested = Number(/max\.message\.bytes=(\d+)/.exec(error?.hint ?? '')?.[1]);
    expect(suggested).toBeGreaterThan(2_000_000);
  });

  it('blames the batch, and never suggests a lower limit, when the largest record fits', async () => {
    const error = await explainOversizedRecord(tooLarge, record(514), adminWithLimit(1_048_588), ['localhost:9092']);
    expect(error?.message).toMatch(/refused a request to topic p\.public\.big as too large, although its largest record .* fits/);
    expect(error?.hint).toMatch(/keep each batch below max\.message\.bytes/);
    expect(error?.hint).not.toMatch(/--add-config/);
  });
});
