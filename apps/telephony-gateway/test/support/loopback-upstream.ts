import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * An HTTP listener on 127.0.0.1 that counts every TCP connection made to it and answers each
 * request with a scripted status and body. As a trap (an address a tenant must not reach) a
 * test asserts `connections` stayed 0; as an upstream it shows what the gateway did with a
 * failure answer.
 */
export class LoopbackUpstream {
  connections = 0;
  readonly requests: Array<{ method: string; url: string; authorization?: string }> = [];
  status = 500;
  body = '';
  headers: Record<string, string> = {};
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor() {
    this.server = createServer((req: IncomingMessage, res) => {
      this.requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
      req.resume();
      req.on('end', () => res.writeHead(this.status, { 'content-type': 'application/json', ...this.headers }).end(this.body));
    });
    this.server.on('connection', (socket) => {
      this.connections++;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
