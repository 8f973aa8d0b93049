export * from './service-kit.module';
export * from './run-service';
