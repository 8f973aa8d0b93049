import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

/** swagger-ui-dist files served under /docs/ (a fixed list: no path from the request reaches the disk). */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

function swaggerUiDir(): string {
  return (require('swagger-ui-dist') as { getAbsoluteFSPath(): string }).getAbsoluteFSPath();
}

function html(title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <title>${title}</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
  <link rel="stylesheet" href="/docs/index.css">
  <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/swagger-ui-init.js"></script>
</body>
</html>
`;
}

function initScript(documentUrl: string): string {
  return `window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(documentUrl)},
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout'
});
`;
}

/**
 * Swagger UI at /docs. Served from swagger-ui-dist directly rather than through
 * SwaggerModule's UI, which needs @fastify/static (its ESM-only dependency cannot load
 * under Jest's CommonJS runtime, so the UI could not be tested).
 */
export function registerSwaggerUi(fastify: FastifyInstance, opts: { title: string; documentUrl: string }): void {
  const dir = swaggerUiDir();
  const cache = new Map<string, Buffer>();
  const page = html(opts.title);
  const init = initScript(opts.documentUrl);
  fastify.get('/docs', (_req, reply) => reply.type('text/html; charset=utf-8').send(page));
  fastify.get('/docs/swagger-ui-init.js', (_req, reply) => reply.type('application/javascript; charset=utf-8').send(init));
  fastify.get<{ Params: { file: string } }>('/docs/:file', (req, reply) => {
    const type = Object.hasOwn(ASSETS, req.params.file) ? ASSETS[req.params.file] : undefined;
    if (!type) return reply.callNotFound();
    let body = cache.get(req.params.file);
    if (!body) {
      body = readFileSync(join(dir, req.params.file));
      cache.set(req.params.file, body);
    }
    return reply.type(type).header('Cache-Control', 'public, max-age=3600').send(body);
  });
}
