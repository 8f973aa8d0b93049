import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { refuseUnsafeBodies } from '@santral/service-kit';
import { keepStripeRawBody } from '../billing/stripe-raw-body.hook';
import { buildOpenApiDocument } from './openapi';
import { registerSwaggerUi } from './swagger-ui';

/** Request bodies: 1 MiB for every route (10,000 numbers of up to 64 characters fit in ~0.7 MiB). */
export const BODY_LIMIT_BYTES = 1_048_576;
export const OPENAPI_PATH = '/openapi.json';

/**
 * What the gateway adds to the Fastify app before it listens: JSON-only bodies that keep
 * contracts' input rule (checked as parsed, before guards and interceptors), the OpenAPI 3.1
 * document at /openapi.json and Swagger UI at /docs. Validation and the problem filter are
 * providers of AppModule, so they apply however the app is created.
 */
export function configureHttpApp(app: NestFastifyApplication): void {
  const adapter = app.getHttpAdapter();
  const fastify = adapter.getInstance();
  // The API speaks JSON only: drop Fastify's text/plain and Nest's form parsers, so any other
  // body is 415. Nest adds its parsers at init (once); registering them now lets us remove one.
  adapter.registerParserMiddleware();
  fastify.removeContentTypeParser(['text/plain', 'application/x-www-form-urlencoded']);
  refuseUnsafeBodies(fastify);
  keepStripeRawBody(fastify);
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { ui: false, raw: ['json'], jsonDocumentUrl: OPENAPI_PATH });
  registerSwaggerUi(fastify, { title: 'Santral API', documentUrl: OPENAPI_PATH });
}
