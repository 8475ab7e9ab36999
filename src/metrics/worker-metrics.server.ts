import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiKeys, presentedKey } from '../auth/api-keys';
import { DISPATCH_CONFIG, DispatchConfig } from '../config/dispatch-config';
import { DispatchMetrics } from './dispatch-metrics';

/**
 * `GET /metrics` of a ROLE=worker process, which serves no other HTTP: the runs it executes are counted
 * here and nowhere else. Behind the admin key like the service's own `/metrics` when keys are set.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerMetricsServer.name);
  private readonly keys: ApiKeys;
  private server?: Server;

  constructor(
    private readonly metrics: DispatchMetrics,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {
    this.keys = new ApiKeys(config.apiKeys, config.adminApiKeys);
  }

  /** The port it listens on (the configured one, or the one chosen for port 0). */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.metricsPort === undefined) return;
    const server = createServer((req, res) => void this.answer(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.metricsPort, resolve);
    });
    this.server = server;
    this.logger.log(`Worker metrics on :${this.port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') return this.reply(res, 404, 'Not found: this port serves GET /metrics only');
    if (!this.keys.open) {
      const key = presentedKey(req.headers);
      const caller = key === undefined ? null : this.keys.identify(key);
      if (!caller) return this.reply(res, 401, 'An admin API key is required');
      if (caller.scope !== 'admin') return this.reply(res, 403, 'This endpoint needs an admin key');
    }
    const { contentType, body } = await this.metrics.scrape();
    res.writeHead(200, { 'content-type': contentType }).end(body);
  }

  private reply(res: ServerResponse, status: number, message: string): void {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(message);
  }
}
