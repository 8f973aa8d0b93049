export * from './data-source';
export * from './tenant';
export * from './tenant-repository';
export * from './pagination';
export * from './persistence.module';
export * from './delete-in-chunks';
export * from './tenant-sql';
export * from './transaction-runner';
