import { describe, expect, it } from 'vitest';
import type { Observer } from '../src/observer.ts';
import { createApp } from '../src/server.ts';
import type { Snapshot } from '../src/snapshot.ts';

const snapshot: Snapshot = {
  at: '2026-01-05T10:00:00.000Z',
  only: null,
  postgres: { url: 'postgres://postgres:***@127.0.0.1:5432/cdclab', insertLsn: '0/16B3748', insertBytes: '23803720', flushLsn: '0/16B3748', line: { start: '0/16B3748', end: '0/16B3748', bytes: 0 }, slots: [] },
  kafka: { absent: true },
  connect: { absent: true },
  registry: { absent: true },
};

/** The server without a stack: an observer that always has the same snapshot. */
const observer = {
  snapshot: async () => snapshot,
  watch: (onSnapshot: (value: Snapshot) => void) => {
    onSnapshot(snapshot);
    return () => {};
  },
} as unknown as Observer;

const app = createApp(observer, [{ number: 3, title: 'The logical streamer', watch: 'confirmed_flush moves only after a COMMIT line', docs: 'docs/03-logical-streamer.md' }]);

describe('the observe server', () => {
  it('serves the page, its script and its style', async () => {
    const page = await app.request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('<script type="module" src="/app.js">');
    expect((await app.request('/app.js')).headers.get('content-type')).toMatch(/javascript/);
    expect((await app.request('/style.css')).status).toBe(200);
    expect((await app.request('/../package.json')).status).toBe(404);
  });

  it('serves the chart library from node_modules, and nothing else from there', async () => {
    const script = await app.request('/vendor/uplot.esm.js');
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(await script.text()).toMatch(/export \{ uPlot as default \}|export default uPlot/);
    expect((await app.request('/vendor/uplot.css')).status).toBe(200);
    expect((await app.request('/vendor/package.json')).status).toBe(404);
  });

  it('answers GET only: nothing it serves can change the stack', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      expect((await app.request('/api/snapshot', { method })).status, method).toBe(405);
    }
  });

  it('gives a snapshot as JSON, the labs\' panels, and snapshots as server-sent events', async () => {
    expect(await (await app.request('/api/snapshot')).json()).toEqual(snapshot);
    expect(await (await app.request('/api/labs')).json()).toEqual([expect.objectContaining({ number: 3, watch: 'confirmed_flush moves only after a COMMIT line' })]);
    const controller = new AbortController();
    const events = await app.request('/events', { signal: controller.signal });
    expect(events.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = events.body!.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toMatch(/^event: snapshot\ndata: \{"at":"2026-01-05T10:00:00.000Z"/);
    controller.abort();
    await reader.cancel();
  });
});
