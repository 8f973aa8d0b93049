export * from './organization-settings.migration';
export * from './organization-settings.repository';
export * from './apply-organization-settings.use-case';
export * from './organization-settings.module';
