import multipart from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CALL_LIST_LIMITS, DomainError } from '@santral/contracts';
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
export async function configureHttpApp(app: NestFastifyApplication): Promise<void> {
  const adapter = app.getHttpAdapter();
  const fastify = adapter.getInstance();
  // The API speaks JSON only: drop Fastify's text/plain and Nest's form parsers, so any other
  // body is 415. Nest adds its parsers at init (once); registering them now lets us remove one.
  adapter.registerParserMiddleware();
  fastify.removeContentTypeParser(['text/plain', 'application/x-www-form-urlencoded']);
  refuseUnsafeBodies(fastify);
  await acceptUploads(app);
  keepStripeRawBody(fastify);
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { ui: false, raw: ['json'], jsonDocumentUrl: OPENAPI_PATH });
  registerSwaggerUi(fastify, { title: 'Santral API', documentUrl: OPENAPI_PATH });
}

/** Routes that take a multipart file upload (streamed, never buffered: see call-lists/import-uploads.ts). */
export const UPLOAD_ROUTES: ReadonlySet<string> = new Set(['/v1/call-lists/:id/imports']);

/**
 * multipart/form-data for the upload routes only, each with one file of at most
 * CALL_LIST_LIMITS.fileBytes; on every other route a multipart body stays 415, as before.
 */
async function acceptUploads(app: NestFastifyApplication): Promise<void> {
  await app.register(multipart, { limits: { fileSize: CALL_LIST_LIMITS.fileBytes, files: 1, fields: 4, parts: 5, fieldSize: 64 * 1024, headerPairs: 50 } });
  app.getHttpAdapter().getInstance().addHook('onRequest', async (request) => {
    if (request.headers['content-type']?.toLowerCase().startsWith('multipart/') && !UPLOAD_ROUTES.has(request.routeOptions.url ?? '')) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'This route takes application/json');
    }
  });
}
