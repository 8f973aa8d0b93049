import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { correlationIdFrom } from './correlation';

const QUIET_ROUTES = /^\/(health|metrics|webhooks)(\/|$)/;

/** JSON logs (pino) with the request's correlation id on every line. */
@Module({})
export class LoggingModule {
  static forService(service: string, level = 'info'): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level,
            base: { service },
            // Fastify already set req.id from the correlation header (see bootstrap.ts).
            genReqId: (req) => (req as { id?: string }).id ?? correlationIdFrom(req),
            customProps: (req) => ({ correlationId: req.id }),
            redact: ['req.headers.authorization', 'req.headers["x-twilio-signature"]', 'req.headers["webhook-signature"]'],
            // Probes, scrapes and provider webhooks (thousands a second) are not logged per
            // request; their handlers log what matters (rejections, errors).
            autoLogging: { ignore: (req) => QUIET_ROUTES.test((req as { originalUrl?: string }).originalUrl ?? req.url ?? '') },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
