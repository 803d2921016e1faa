import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in address for the schema registry that forwards every request to the real one until
 * it is shut, then refuses connections: how a stage takes the registry away from one bridge
 * without stopping the registry every other test shares.
 */
export class RegistryProxy {
  private constructor(private readonly server: http.Server, readonly url: string) {}

  static async start(target: string): Promise<RegistryProxy> {
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
        const headers: Record<string, string> = {};
        for (const name of ['content-type', 'accept']) {
          const value = request.headers[name];
          if (typeof value === 'string') headers[name] = value;
        }
        fetch(`${target.replace(/\/$/, '')}${request.url ?? '/'}`, { method: request.method, headers, body })
          .then(async (answer) => {
            response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
            response.end(Buffer.from(await answer.arrayBuffer()));
          })
          .catch(() => response.destroy());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new RegistryProxy(server, `http://127.0.0.1:${port}`);
  }

  /** From now on, connections to the address are refused, as if the registry were down. */
  async shut(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
