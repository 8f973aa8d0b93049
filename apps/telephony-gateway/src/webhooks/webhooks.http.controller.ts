import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { CORRELATION_HEADER, correlationIdFrom, MetricsService } from '@santral/observability';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { TelephonyConfig } from '../config';
import { clientAddress } from '../shared/ip-allow-list';
import { TelephonyError } from '../shared/telephony.error';
import { IngestWebhookUseCase } from './ingest-webhook.use-case';

const ACCEPTED = '{"status":"accepted"}';
const DUPLICATE = '{"status":"duplicate"}';
/** POST /webhooks/{provider}/{accountId}[/{token}]/{event} (CallGear's webhook URL carries its token). */
const ROUTE = /^\/webhooks\/([^/?#]+)\/([^/?#]+)\/(?:([^/?#]+)\/)?([^/?#]+)(?:[?#]|$)/;

const ROUTE_TEMPLATE = '/webhooks/:provider/:accountId/:event';
const ROUTE_TEMPLATE_WITH_TOKEN = '/webhooks/:provider/:accountId/:token/:event';
const PROBLEM = 'application/problem+json';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Provider webhooks (DESIGN §6): translate HTTP ↔ use case; 2xx as soon as the batch committed.
 *
 * Served on the Node HTTP server ahead of Fastify (every other request still goes to Fastify):
 * at thousands of webhooks a second, Fastify's per-request hooks, the Nest middleware chain
 * (pino-http builds a redacted child logger per request even when it does not log) and the
 * body parser cost about a third of the gateway's CPU per webhook (bench/webhooks.ts). What they
 * gave these routes is kept here: the correlation id header, the request-duration metric by
 * route template, the body limit (413). The client IP (for allow-lists) is the socket's unless it is
 * one of WEBHOOK_TRUSTED_PROXIES.
 */
@Injectable()
export class WebhooksHttpController implements OnModuleInit {
  private readonly logger = new Logger(WebhooksHttpController.name);
  private bodyLimit = 1_048_576;
  private metrics: MetricsService | undefined;
  private readonly trustedProxies: string[];

  constructor(
    private readonly host: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
    private readonly ingest: IngestWebhookUseCase,
    @Inject(SERVICE_CONFIG) private readonly config: TelephonyConfig,
  ) {
    this.trustedProxies = config.WEBHOOK_TRUSTED_PROXIES.split(',').map((s) => s.trim()).filter(Boolean);
  }

  onModuleInit(): void {
    const fastify = this.host.httpAdapter?.getInstance<FastifyInstance>();
    const server = fastify?.server as Server | undefined;
    if (!server) return;
    this.bodyLimit = fastify!.initialConfig.bodyLimit ?? this.bodyLimit;
    try {
      this.metrics = this.moduleRef.get(MetricsService, { strict: false });
    } catch {
      this.metrics = undefined;
    }
    // Fastify's own listener (and any other) keeps every request that is not a webhook.
    const others = server.listeners('request') as Listener[];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const m = req.method === 'POST' && req.url ? ROUTE.exec(req.url) : null;
      if (m) return this.receive(m, req, res);
      for (const l of others) l.call(server, req, res);
    });
  }

  private receive(m: RegExpExecArray, req: IncomingMessage, res: ServerResponse): void {
    const started = process.hrtime.bigint();
    const correlationId = correlationIdFrom(req);
    const route = m[3] === undefined ? ROUTE_TEMPLATE : ROUTE_TEMPLATE_WITH_TOKEN;
    const answer = (status: number, type: string, payload: string, close: boolean) => {
      if (res.headersSent) return;
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(payload), [CORRELATION_HEADER]: correlationId, ...(close ? { connection: 'close' } : {}) });
      res.end(payload);
      this.metrics?.httpDuration.observe({ method: 'POST', route, status: String(status) }, Number(process.hrtime.bigint() - started) / 1e9);
    };
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > this.bodyLimit) return answer(413, PROBLEM, problem(413, 'PAYLOAD_TOO_LARGE'), true);
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > this.bodyLimit) {
        over = true;
        answer(413, PROBLEM, problem(413, 'PAYLOAD_TOO_LARGE'), true);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (over) return;
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      void this.handle(m, req, body, correlationId).then(([status, type, payload]) => answer(status, type, payload, false));
    });
    req.on('error', () => undefined);
  }

  private async handle(m: RegExpExecArray, req: IncomingMessage, rawBody: Buffer, correlationId: string): Promise<[number, string, string]> {
    try {
      const [provider, accountId, token, event] = [m[1]!, m[2]!, m[3], m[4]!].map((s) => (s === undefined ? s : decodeURIComponent(s))) as [string, string, string | undefined, string];
      const { outcome, response } = await this.ingest.execute({
        provider,
        accountId,
        event,
        pathToken: token,
        url: `${this.config.PUBLIC_BASE_URL}${req.url}`,
        headers: req.headers,
        rawBody,
        contentType: String(req.headers['content-type'] ?? ''),
        remoteIp: clientAddress(req.socket.remoteAddress ?? '', req.headers['x-forwarded-for'], this.trustedProxies),
      });
      if (response) return [200, response.contentType, response.body];
      return [200, 'application/json', outcome === 'accepted' ? ACCEPTED : DUPLICATE];
    } catch (err) {
      const e = err instanceof TelephonyError ? err : undefined;
      if (err instanceof URIError) return [400, PROBLEM, problem(400, 'WEBHOOK_PAYLOAD_INVALID')];
      const status = e?.status ?? 500;
      if (!e) this.logger.error(`webhook ingest failed (correlation id ${correlationId}): ${(err as Error)?.stack ?? String(err)}`);
      return [status, PROBLEM, JSON.stringify({ type: 'about:blank', title: e?.code ?? 'INTERNAL', status, code: e?.code ?? 'INTERNAL', detail: e?.detail })];
    }
  }
}

function problem(status: number, code: string): string {
  return JSON.stringify({ type: 'about:blank', title: code, status, code });
}
