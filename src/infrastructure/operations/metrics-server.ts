import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../tokens';
import { PromMetrics } from './prom-metrics';

/**
 * LEDGER_METRICS_PORT: /metrics without a key, on a port of its own that the
 * operator keeps inside the network (it says how busy each library is). It
 * serves nothing else.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server?: Server;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: PromMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.metricsPort === null) return;
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics is served here\n');
        return;
      }
      this.metrics.scrape().then(
        (text) => response.writeHead(200, { 'content-type': this.metrics.contentType, 'cache-control': 'no-store' }).end(text),
        (error: unknown) => {
          this.logger.error({ event: 'metrics.scrape-failed', err: error });
          response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be collected\n');
        },
      );
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.config.metricsPort!, this.config.host, resolve));
    this.server = server;
    this.logger.log({ event: 'metrics.listening', url: this.url }, `metrics on ${this.url}`);
  }

  /** Where the metrics port listens, once started. */
  get url(): string | null {
    const address = this.server?.address() as AddressInfo | null | undefined;
    return address ? `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}/metrics` : null;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
