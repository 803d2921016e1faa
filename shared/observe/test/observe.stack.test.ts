import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lsn } from '@cdc-lab/common';
import { LabProcess, stackFromSetup, TestDatabase, TestKafka, testNames } from '@cdc-lab/grading';
import { findLab, loadManifest, programTarget } from '@cdc-lab/workbook';
import { launchChromium } from '../src/browser.ts';
import { startObserveServer, type ObserveServer } from '../src/server.ts';

/** The page's document, as the functions evaluated in the browser use it (no DOM types here). */
declare const document: {
  querySelector(selector: string): { getAttribute(name: string): string | null; classList: { contains(name: string): boolean } } | null;
};

/**
 * The page in a real browser (headless Chromium through playwright-core) against the real
 * stack: lab 3's streamer prints an INSERT and its slot's confirmed marker moves, the change's record
 * appears with its LSN, and a transactional topic's last stable offset trails its high
 * watermark while a Kafka transaction is open. Everything it makes carries the test's own
 * names (a database with its slot, topics under its prefix) and is removed afterwards.
 */
describe('pnpm observe in a browser', () => {
  const env = stackFromSetup();
  const names = testNames(0, 'observe page');
  const itemsTopic = `${names.topicPrefix}.items`;
  const transactionalTopic = `${names.topicPrefix}.orders`;
  let database: TestDatabase;
  let kafka: TestKafka;
  let producer: Producer;
  let transactional: Producer;
  let server: ObserveServer;
  let browser: Browser;
  let page: Page;
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'observe-test-'));

  beforeAll(async () => {
    database = await TestDatabase.create(env.DATABASE_URL!, names.database);
    await database.query('CREATE TABLE items (id int PRIMARY KEY, name text)');
    kafka = new TestKafka(env.KAFKA_BROKERS!.split(','), names.topicPrefix);
    await kafka.createTopic(itemsTopic);
    await kafka.createTopic(transactionalTopic);
    const client = new Kafka({ clientId: names.id, brokers: env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING });
    producer = client.producer({ allowAutoTopicCreation: false });
    transactional = client.producer({ allowAutoTopicCreation: false, transactionalId: names.transactionalId, idempotent: true, maxInFlightRequests: 1 });
    await Promise.all([producer.connect(), transactional.connect()]);
    // Only this test's topics: the page's records go to the most recently written topics, and
    // other tests write theirs at the same time.
    server = await startObserveServer(env, { only: names.id });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`${server.url}?lab=3`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await Promise.all([producer?.disconnect(), transactional?.disconnect()].map((done) => done?.catch(() => {})));
    await kafka?.cleanup();
    await database?.drop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  const confirmedOnPage = (slot: string) => page.evaluate(
    (name) => document.querySelector(`svg [data-slot="${name}"] [data-marker="confirmed"]`)?.getAttribute('data-lsn') ?? null, slot);

  it('shows the lab 3 panel, and the slot\'s confirmed marker moving after an INSERT that lab 3\'s streamer printed', async () => {
    const streamer = LabProcess.start(programTarget(findLab(loadManifest(), '3'), 'reference'), {
      env: { ...env, DATABASE_URL: database.url, CDC_SLOT: names.slot, CDC_STATE_DIR: stateDir },
    });
    try {
      await streamer.waitForLine(/^Listening on slot/, { timeoutMs: 30_000 });
      await page.waitForSelector(`svg [data-slot="${names.slot}"] [data-marker="confirmed"]`, { timeout: 20_000 });
      expect(await page.textContent('#watch-text')).toContain('confirmed_flush moves only after a COMMIT line');
      const before = (await confirmedOnPage(names.slot))!;
      expect(before).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);

      const insertedAt = (await database.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn')).rows[0]!.lsn;
      await database.query(`INSERT INTO items VALUES (1, 'Ada')`);
      const begin = await streamer.waitForLine(/^BEGIN \d+/, { timeoutMs: 15_000 });
      await streamer.waitForLine(/^COMMIT \d+/, { timeoutMs: 15_000, from: begin.index });
      const xid = begin.line.split(' ')[1]!;
      // The streamer confirms what it printed with its next status update.
      let confirmed = before;
      for (const deadline = Date.now() + 30_000; confirmed === before && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        confirmed = (await database.query<{ confirmed: string }>(
          'SELECT confirmed_flush_lsn::text AS confirmed FROM pg_replication_slots WHERE slot_name = $1', [names.slot])).rows[0]!.confirmed;
      }
      expect(Lsn.parse(confirmed).isAfter(Lsn.parse(before)), `confirmed_flush_lsn stayed at ${before}`).toBe(true);

      await page.waitForFunction(
        ([slot, lsn]) => document.querySelector(`svg [data-slot="${slot}"] [data-marker="confirmed"]`)?.getAttribute('data-lsn') === lsn,
        [names.slot, confirmed] as const, { timeout: 20_000 });
      expect(await page.textContent(`tr[data-slot="${names.slot}"] .confirmed-text`)).toBe(confirmed);
      // The last minute, drawn by uPlot: a canvas, and the slot's line in the legend.
      expect(await page.locator('#wal-chart canvas').count()).toBeGreaterThan(0);
      expect(await page.textContent('#wal-chart .u-legend')).toContain(`${names.slot} keeps`);
      expect(await page.textContent(`tr[data-slot="${names.slot}"]`)).toContain('active, pid');

      // The change as a bridge would publish it: the record shows its LSN and txId from source.
      const event = { op: 'c', after: { id: 1, name: 'Ada' }, source: { lsn: Number(Lsn.parse(insertedAt).value), txId: Number(xid) } };
      await producer.send({ topic: itemsTopic, messages: [{ key: JSON.stringify({ id: 1 }), value: JSON.stringify(event), headers: { op: 'c' } }] });
      const row = `article[data-topic="${itemsTopic}"] tr.record`;
      await page.waitForSelector(row, { timeout: 20_000 });
      const text = await page.textContent(row);
      expect(text).toContain(`lsn ${insertedAt}`);
      expect(text).toContain(`txId ${xid}`);
      expect(text).toContain('op: c');
      expect(text).toContain('op=c after={"id":1,"name":"Ada"}');
    } finally {
      await streamer.stop();
    }
  });

  it('shows a transactional topic\'s last stable offset trailing its high watermark while a transaction is open', async () => {
    const first = await transactional.transaction();
    await first.send({ topic: transactionalTopic, messages: [{ key: 'order-1', value: '{"status":"placed"}' }] });
    await first.commit();
    const open = await transactional.transaction();
    await open.send({ topic: transactionalTopic, messages: [{ key: 'order-2', value: '{"status":"placed"}' }, { key: 'order-3', value: '{"status":"placed"}' }] });

    const card = `article[data-topic="${transactionalTopic}"]`;
    await page.waitForSelector(`${card}.held-back`, { timeout: 20_000 });
    const heldBack = await page.$eval(card, (element) => ({ high: Number(element.getAttribute('data-high')), lso: Number(element.getAttribute('data-lso')), text: element.textContent ?? '' }));
    // Offsets: 0 order-1, 1 its COMMIT marker, 2 and 3 in the open transaction.
    expect(heldBack).toMatchObject({ high: 4, lso: 2 });
    expect(heldBack.text).toContain('a transaction is open: read_committed readers stop 2 offsets short');
    expect(await page.locator(`${card} tr.state-open`).count()).toBe(2);

    await open.commit();
    await page.waitForFunction((selector) => {
      const element = document.querySelector(selector);
      return element !== null && !element.classList.contains('held-back') && element.getAttribute('data-lso') === element.getAttribute('data-high');
    }, card, { timeout: 20_000 });
    expect(await page.locator(`${card} tr.state-commit-marker`).count()).toBe(2);
  });

  it('changes nothing and shows no password', async () => {
    const admin = await kafka.adminClient();
    const groups = (await admin.listGroups()).groups.map((group) => group.groupId);
    expect(groups.filter((group) => group.includes('observe'))).toEqual([]);
    const password = new URL(env.DATABASE_URL!).password;
    const snapshot = await (await fetch(`${server.url}api/snapshot`)).text();
    if (password) expect(snapshot).not.toContain(`:${password}@`);
    expect((await fetch(`${server.url}api/snapshot`, { method: 'POST' })).status).toBe(405);
  });
});
