export * from './env';
export * from './database';
export * from './nats';
export * from './secrets';
export * from './service';
export * from './fakes';
