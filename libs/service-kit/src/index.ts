export * from './service-kit.module';
export * from './run-service';
export * from './events.options';
export * from './organization-settings';
export * from './clock';
export * from './http';
