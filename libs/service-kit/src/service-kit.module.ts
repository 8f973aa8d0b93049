import { DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CommonConfig } from '@santral/config';
import { PersistenceModule, ServiceDataSourceConfig } from '@santral/persistence';
import { HealthModule, LoggingModule, MetricsModule, ReadinessCheck } from '@santral/observability';
import { MessagingModule, NatsConnectionProvider } from '@santral/messaging';
import { serviceEventBusOptions, ServiceEventsOptions } from './events.options';

export interface ServiceKitOptions {
  /** Service name: log field, metrics label, NATS queue group and connection name. */
  service: string;
  config: CommonConfig & { DB_SCHEMA: string };
  entities: ServiceDataSourceConfig['entities'];
  migrations: ServiceDataSourceConfig['migrations'];
  /** Run the JetStream event bus (outbox relay, `@OnEvent` consumers); needs MessagingTables in migrations. */
  events?: ServiceEventsOptions;
}

/** The config object of the running service, injectable anywhere. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

/**
 * What every Santral process has: JSON logs, metrics, its own schema, one NATS
 * connection (MessagingModule: RPC client, event bus), and liveness/readiness probes over both.
 */
@Global()
@Module({})
export class ServiceKitModule {
  static forService(opts: ServiceKitOptions): DynamicModule {
    const { config } = opts;
    return {
      module: ServiceKitModule,
      imports: [
        MessagingModule.forRoot({
          serviceName: opts.service,
          natsUrl: config.NATS_URL.split(','),
          subjectPrefix: opts.events?.subjectPrefix || undefined,
          events: opts.events ? serviceEventBusOptions(opts.events) : undefined,
        }),
        LoggingModule.forService(opts.service, config.LOG_LEVEL),
        MetricsModule.forService(opts.service),
        PersistenceModule.forService({
          url: config.DATABASE_URL,
          schema: config.DB_SCHEMA,
          entities: opts.entities,
          migrations: opts.migrations,
          poolSize: config.DB_POOL_SIZE,
          applicationName: `santral-${opts.service}`,
        }),
        HealthModule.forRoot({
          inject: [DataSource, NatsConnectionProvider],
          checks: ((ds: DataSource, nc: NatsConnectionProvider): ReadinessCheck[] => [
            { name: 'database', check: async () => void (await ds.query('SELECT 1')) },
            { name: 'nats', check: () => nc.natsReady() },
          ]) as (...deps: never[]) => ReadinessCheck[],
        }),
      ],
      providers: [{ provide: SERVICE_CONFIG, useValue: config }],
      exports: [SERVICE_CONFIG],
    };
  }
}
