import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { findFreePort, findFreePorts, isPortOpen } from '../src/ports.ts';

describe('port allocation', () => {
  it('hands out distinct ports that can really be listened on', async () => {
    const ports = await findFreePorts(5);
    expect(new Set(ports).size).toBe(5);
    for (const port of ports) {
      const server = net.createServer();
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('tells a listening port from a closed one', async () => {
    const server = net.createServer();
    const port = await findFreePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    expect(await isPortOpen(port)).toBe(true);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await isPortOpen(port)).toBe(false);
  });
});
