export * from './command-results.migration';
export * from './idempotent-commands';
