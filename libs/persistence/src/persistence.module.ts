import { DynamicModule, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AutocommitStatements } from './autocommit-statements';
import { buildDataSourceOptions, ServiceDataSourceConfig } from './data-source';

@Injectable()
class AutocommitStatementsCloser implements OnApplicationShutdown {
  constructor(private readonly statements: AutocommitStatements) {}
  onApplicationShutdown(): Promise<void> {
    return this.statements.close();
  }
}

/**
 * One TypeORM data source per service, in the service's own schema (DESIGN §1), and the small
 * side pool for statements that commit on their own (`AutocommitStatements`).
 */
@Module({})
export class PersistenceModule {
  static forService(cfg: ServiceDataSourceConfig): DynamicModule {
    const autocommit = {
      provide: AutocommitStatements,
      useFactory: () => new AutocommitStatements({ url: cfg.url, schema: cfg.schema, applicationName: cfg.applicationName, acquireTimeoutMs: cfg.acquireTimeoutMs }),
    };
    return {
      module: PersistenceModule,
      imports: [TypeOrmModule.forRoot({ ...buildDataSourceOptions(cfg), retryAttempts: 3, retryDelay: 500 })],
      providers: [autocommit, AutocommitStatementsCloser],
      exports: [TypeOrmModule, AutocommitStatements],
    };
  }
}
