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
      from: { path: '^libs/' },
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
      name: 'production-code-never-imports-test-kit',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: ['\\.(spec|int-spec|e2e-spec)\\.ts$', '/test/', '^libs/testing/'] },
      to: { path: '^libs/testing/' },
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
