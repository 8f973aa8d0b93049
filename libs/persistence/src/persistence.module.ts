import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { buildDataSourceOptions, ServiceDataSourceConfig } from './data-source';

/** One TypeORM data source per service, in the service's own schema (DESIGN §1). */
@Module({})
export class PersistenceModule {
  static forService(cfg: ServiceDataSourceConfig): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [TypeOrmModule.forRoot({ ...buildDataSourceOptions(cfg), retryAttempts: 3, retryDelay: 500 })],
      exports: [TypeOrmModule],
    };
  }
}
