/** Architecture rules (STYLE.md "Layering"), checked in `npm test`. */
module.exports = {
  forbidden: [
    {
      name: 'apps-never-import-apps',
      comment: 'Services meet only through NATS subjects in libs/contracts.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      // The API client's generator and its freshness test build the document from the gateway's module graph.
      from: { path: '^libs/', pathNot: '^libs/api-client/(scripts|test)/' },
      to: { path: '^apps/' },
    },
    {
      name: 'pure-libs-import-no-framework',
      comment: 'libs/phone and libs/call-state are pure: no Nest, TypeORM, NATS or other libs with I/O.',
      severity: 'error',
      from: { path: '^libs/(phone|call-state)/' },
      to: { path: ['@nestjs', 'typeorm', '@nats-io', '^libs/(messaging|persistence|observability|config|testing)/', 'node_modules/(pg|fastify)/'] },
    },
    {
      name: 'app-domain-rules-are-pure',
      comment: 'apps/*/src/domain holds pure rules (windows, retries): no Nest, TypeORM, NATS or I/O libs; contracts for types only.',
      severity: 'error',
      from: { path: '^apps/[^/]+/src/domain/' },
      to: { path: ['@nestjs', 'typeorm', '@nats-io', 'node_modules/(pg|fastify)/', '^libs/(messaging|persistence|observability|config|service-kit|testing)/'] },
    },
    {
      name: 'app-domain-rules-use-contracts-types-only',
      comment: 'The contracts barrel loads class-validator and reflect-metadata; the domain needs only its words.',
      severity: 'error',
      from: { path: '^apps/[^/]+/src/domain/' },
      to: { path: '^libs/contracts/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'use-cases-reach-storage-and-broker-through-ports',
      comment: 'A use case takes typed input and its repositories / publisher / clients; never TypeORM, pg or NATS directly (STYLE.md).',
      severity: 'error',
      from: { path: '\\.use-case\\.ts$' },
      to: { path: ['node_modules/typeorm/', 'node_modules/pg/', 'node_modules/@nats-io/'] },
    },
    {
      name: 'contracts-import-no-framework',
      comment: 'libs/contracts is what travels on the wire: no Nest, TypeORM or NATS (so any client can use it).',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { path: ['node_modules/@nestjs/', 'node_modules/typeorm/', 'node_modules/@nats-io/', 'node_modules/pg/', '^libs/(messaging|persistence|observability|config|testing|service-kit)/'] },
    },
    {
      name: 'production-code-never-imports-test-kit',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: ['\\.(spec|int-spec|e2e-spec)\\.ts$', '/test/', '^libs/testing/'] },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'api-client-is-for-scripts-and-tests',
      comment: 'libs/api-client speaks to the gateway over HTTP, as a frontend would: scripts/ (npm run demo), test/ (e2e) and its own files use it; services never do.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '^libs/api-client/' },
      to: { path: '^libs/api-client/' },
    },
    {
      name: 'api-client-stands-alone',
      comment: 'The client is what frontend teams use: its source imports openapi-fetch and its generated types only (no Nest, no other lib, no Node built-in).',
      severity: 'error',
      from: { path: '^libs/api-client/src/' },
      to: { pathNot: ['^libs/api-client/src/', 'node_modules/openapi-fetch/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: ['^dist/'] },
  },
};
