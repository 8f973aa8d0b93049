export * from './command-results.migration';
export * from './idempotent-commands';
export * from './command-results.pruner';
