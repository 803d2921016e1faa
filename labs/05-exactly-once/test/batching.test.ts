import { describe, expect, it } from 'vitest';
import { Handoff } from '../src/batches/handoff.ts';
import { nextBatch, type BatchLimits } from '../src/batches/next-batch.ts';
import type { TransactionItem } from '../src/items.ts';
import { changeItem, commitItem, transactionItems } from './support/items.ts';

const routing = { prefix: 'unit' };
const roomy: BatchLimits = { transactions: 100, changes: 1_000, bytes: 1_000_000 };

function queued(items: TransactionItem[], { end = true } = {}): Handoff<TransactionItem> {
  const handoff = new Handoff<TransactionItem>(10_000);
  for (const item of items) void handoff.push(item);
  if (end) handoff.end();
  return handoff;
}

describe('batching whole transactions (group commit)', () => {
  it('takes every transaction already waiting, up to the limit of transactions', async () => {
    const handoff = queued([...transactionItems('0/100', 2), ...transactionItems('0/200', 3), ...transactionItems('0/300', 1)]);
    const first = await nextBatch(handoff, { ...roomy, transactions: 2 }, routing);
    expect([first?.transactions, first?.changes, first?.position?.commitLsn.toString(), first?.position?.complete]).toEqual([2, 5, '0/200', true]);
    expect(first?.lastCompleteLsn?.toString()).toBe('0/230');
    const second = await nextBatch(handoff, { ...roomy, transactions: 2 }, routing);
    expect([second?.transactions, second?.changes]).toEqual([1, 1]);
    expect(await nextBatch(handoff, roomy, routing)).toBeNull();
  });

  it('writes at a commit when nothing more is waiting, without waiting for the limit', async () => {
    const handoff = queued(transactionItems('0/100', 2), { end: false });
    const batch = await nextBatch(handoff, roomy, routing);
    expect([batch?.transactions, batch?.changes, batch?.endsAtCommit]).toEqual([1, 2, true]);
  });

  it('waits for the rest of a transaction that has not fully arrived', async () => {
    const handoff = queued([changeItem('0/100', 0)], { end: false });
    let settled = false;
    const pending = nextBatch(handoff, roomy, routing).then((batch) => {
      settled = true;
      return batch;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    await handoff.push(changeItem('0/100', 1));
    await handoff.push(commitItem('0/100', 2));
    const batch = await pending;
    expect([batch?.changes, batch?.transactions]).toEqual([2, 1]);
  });

  it('splits a transaction larger than the limit into pieces, each naming its last change', async () => {
    const handoff = queued(transactionItems('0/100', 7));
    const sizes: [number, number, boolean][] = [];
    for (let batch = await nextBatch(handoff, { ...roomy, changes: 3 }, routing); batch; batch = await nextBatch(handoff, { ...roomy, changes: 3 }, routing)) {
      sizes.push([batch.changes, batch.position!.index, batch.position!.complete]);
      if (!batch.endsAtCommit) expect(batch.lastCompleteLsn).toBeNull();
    }
    // The commit right behind the last change closes the last piece instead of making one of its own.
    expect(sizes).toEqual([[3, 2, false], [3, 5, false], [1, 6, true]]);
  });

  it('also cuts at the byte limit, so that the broker accepts the record batch', async () => {
    const big = 'x'.repeat(400);
    const items = [...Array.from({ length: 5 }, (_, index) => changeItem('0/100', index, { note: big })), commitItem('0/100', 5)];
    const batch = await nextBatch(queued(items), { ...roomy, bytes: 1_000 }, routing);
    expect(batch!.changes).toBeLessThan(5);
    expect(batch!.bytes).toBeGreaterThanOrEqual(1_000);
  });

  it('turns a delete into its event and a tombstone, per topic, in order', async () => {
    const batch = await nextBatch(queued([changeItem('0/100', 0), changeItem('0/100', 1, { op: 'd' }), commitItem('0/100', 2)]), roomy, routing);
    const [topic] = batch!.topicMessages();
    expect(topic!.topic).toBe('unit.public.t');
    expect(topic!.messages.map((message) => [message.key, message.value === null ? 'tombstone' : JSON.parse(String(message.value)).op])).toEqual([
      ['{"id":0}', 'c'], ['{"id":1}', 'd'], ['{"id":1}', 'tombstone'],
    ]);
    expect([batch!.changes, batch!.records]).toEqual([2, 3]);
  });
});

describe('the handoff between capture and sink', () => {
  it('makes the producer wait when full, and lets it go when the consumer takes', async () => {
    const handoff = new Handoff<number>(2);
    await handoff.push(1);
    await handoff.push(2);
    let third = false;
    const pushing = handoff.push(3).then(() => (third = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(third).toBe(false);
    expect(handoff.shift()).toBe(1);
    await pushing;
    expect(third).toBe(true);
  });

  it('hands the failure of one side to the other', async () => {
    const handoff = new Handoff<number>(1);
    await handoff.push(1);
    const blocked = handoff.push(2);
    handoff.end(new Error('the sink failed'));
    await expect(blocked).rejects.toThrow('the sink failed');
    expect(handoff.shift()).toBe(1);
    await expect(handoff.waitForItem()).rejects.toThrow('the sink failed');
  });
});
