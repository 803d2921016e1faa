import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { StackEnv } from '@cdc-lab/harness';
import { Observer, type ObserverOptions } from './observer.ts';
import { watchPanels, type WatchPanel } from './watch.ts';

const PUBLIC = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'public');

/** The browser libraries the page loads, served from node_modules: nothing comes from a CDN. */
const UPLOT = path.join(path.dirname(createRequire(import.meta.url).resolve('uplot/package.json')), 'dist');
const VENDOR: Record<string, { file: string; type: string }> = {
  'uplot.esm.js': { file: path.join(UPLOT, 'uPlot.esm.js'), type: 'text/javascript; charset=utf-8' },
  'uplot.css': { file: path.join(UPLOT, 'uPlot.min.css'), type: 'text/css; charset=utf-8' },
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export interface ObserveServer {
  url: string;
  observer: Observer;
  close(): Promise<void>;
}

export interface ServeOptions extends ObserverOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  panels?: WatchPanel[];
}

/** JSON with any stray bigint as text: a snapshot must never fail to serialise. */
const json = (value: unknown): string => JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item));

/**
 * The page and its data. GET only, bound to 127.0.0.1: the page is for the person at this
 * machine, and nothing it can ask changes the stack.
 *
 *   GET /             the page (public/index.html, app.js, style.css)
 *   GET /vendor/…     uPlot, the chart library, from node_modules
 *   GET /api/snapshot one snapshot as JSON
 *   GET /api/labs     each lab's "what to watch" panel, from labs/manifest.yaml
 *   GET /events       server-sent events: a `snapshot` event about once a second
 */
export function createApp(observer: Observer, panels: WatchPanel[]): Hono {
  const app = new Hono();
  app.use('*', async (context, next) => {
    if (context.req.method !== 'GET' && context.req.method !== 'HEAD') return context.text('read-only: GET only\n', 405);
    await next();
    context.header('Cache-Control', 'no-store');
    context.header('X-Content-Type-Options', 'nosniff');
  });
  app.get('/api/snapshot', async (context) => context.body(json(await observer.snapshot()), 200, { 'Content-Type': 'application/json' }));
  app.get('/api/labs', (context) => context.json(panels));
  app.get('/events', (context) => streamSSE(context, async (stream) => {
    let stop: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      stream.onAbort(() => resolve());
      stop = observer.watch((snapshot) => {
        void stream.writeSSE({ event: 'snapshot', data: json(snapshot) }).catch(() => resolve());
      });
    });
    await done;
    stop();
  }));
  app.get('/vendor/:name', (context) => {
    const vendor = VENDOR[context.req.param('name')];
    if (!vendor) return context.notFound();
    return context.body(fs.readFileSync(vendor.file), 200, { 'Content-Type': vendor.type });
  });
  // Browsers ask for it on their own; the page has none.
  app.get('/favicon.ico', (context) => context.body(null, 204));
  app.get('/:file{[a-z0-9-]+\\.(?:html|js|css)}?', (context) => {
    const file = context.req.param('file') ?? 'index.html';
    const full = path.join(PUBLIC, file);
    if (!fs.existsSync(full)) return context.notFound();
    return context.body(fs.readFileSync(full), 200, { 'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
  });
  return app;
}

export async function startObserveServer(env: StackEnv, options: ServeOptions = {}): Promise<ObserveServer> {
  const observer = new Observer(env, options);
  const app = createApp(observer, options.panels ?? watchPanels());
  const server = await new Promise<ServerType>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: options.port ?? 0 }, () => resolve(started));
    started.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    observer,
    close: async () => {
      await observer.close();
      await new Promise<void>((resolve) => {
        // Server-sent event streams stay open: end them, or close() waits for ever.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}
