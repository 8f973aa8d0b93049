import { Controller, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { TelephonyConfig } from '../config';
import { TelephonyError } from '../shared/telephony.error';
import { IngestWebhookUseCase } from './ingest-webhook.use-case';

/** Provider webhooks (DESIGN §6): translate HTTP ↔ use case; 2xx as soon as the batch committed. */
@Controller('webhooks')
export class WebhooksHttpController {
  constructor(
    private readonly ingest: IngestWebhookUseCase,
    @Inject(SERVICE_CONFIG) private readonly config: TelephonyConfig,
  ) {}

  @Post(':provider/:accountId/:event')
  receive(@Param() p: Record<string, string>, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.handle(p.provider!, p.accountId!, p.event!, undefined, req, reply);
  }

  /** CallGear: `<webhookUrl>` = …/{accountId}/{token}; the six notifications append /handset, /end, … */
  @Post(':provider/:accountId/:token/:event')
  receiveWithToken(@Param() p: Record<string, string>, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.handle(p.provider!, p.accountId!, p.event!, p.token, req, reply);
  }

  private async handle(provider: string, accountId: string, event: string, pathToken: string | undefined, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    try {
      const outcome = await this.ingest.execute({
        provider,
        accountId,
        event,
        pathToken,
        url: `${this.config.PUBLIC_BASE_URL}${req.url}`,
        headers: req.headers,
        rawBody,
        contentType: String(req.headers['content-type'] ?? ''),
        remoteIp: req.ip,
      });
      await reply.code(200).header('content-type', 'application/json').send(outcome === 'accepted' ? '{"status":"accepted"}' : '{"status":"duplicate"}');
    } catch (err) {
      const e = err instanceof TelephonyError ? err : undefined;
      const status = e?.status ?? 500;
      if (!e) req.log.error({ err }, 'webhook ingest failed');
      await reply
        .code(status)
        .header('content-type', 'application/problem+json')
        .send(JSON.stringify({ type: 'about:blank', title: e?.code ?? 'INTERNAL', status, code: e?.code ?? 'INTERNAL', detail: e?.detail }));
    }
  }
}
