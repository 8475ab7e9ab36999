import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  at: number;
}

export type Responder = (req: ReceivedRequest, count: number) => { status: number; body?: unknown; delayMs?: number } | Promise<{ status: number; body?: unknown; delayMs?: number }>;

/** A local HTTP server standing in for an app: records each request and answers as a test tells it. */
export class TargetServer {
  readonly received: ReceivedRequest[] = [];
  private server: Server;
  private responders = new Map<string, Responder>();
  private counts = new Map<string, number>();

  /** Sets how `METHOD /path` answers; the default is 200 `{ ok: true }`. */
  respond(method: string, path: string, responder: Responder): void {
    this.responders.set(`${method} ${path}`, responder);
  }

  requests(method: string, path: string): ReceivedRequest[] {
    return this.received.filter((r) => r.method === method && r.path === path);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const received: ReceivedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: text ? safeJson(text) : undefined,
      at: Date.now(),
    };
    this.received.push(received);
    const key = `${received.method} ${received.path}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    const answer = (await this.responders.get(key)?.(received, count)) ?? { status: 200, body: { ok: true } };
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    if (res.destroyed) return;
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body ?? {}));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
