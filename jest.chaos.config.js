// `npm run test:chaos`: the chaos runs of test/e2e (*.chaos-spec.ts), apart from `npm test`'s two
// projects; they start their own NATS server and Postgres cluster, and kill services on purpose.
const base = require('./jest.config');

const integration = base.projects.find((p) => p.displayName === 'integration');

module.exports = {
  testTimeout: 240000,
  projects: [{ ...integration, displayName: 'chaos', testMatch: ['<rootDir>/test/**/*.chaos-spec.ts'] }],
};
