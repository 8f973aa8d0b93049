export * from './service-config';
export * from './service-definition';
export * from './service-kit.module';
export * from './run-service';
export * from './events.options';
export * from './ping.messages.controller';
export * from './organization-settings';
