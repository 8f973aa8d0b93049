import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PingableService } from '@santral/contracts';
import { PersistenceModule, pgPoolOf, TransactionRunner, TypeOrmTransactionRunner } from '@santral/persistence';
import { HealthModule, LoggingModule, MetricsModule, ReadinessCheck } from '@santral/observability';
import { MessagingModule, NatsConnectionProvider, type NatsClientAuth } from '@santral/messaging';
import { Clock, SystemClock } from './clock';
import { CommandResultsPruner } from './idempotent-commands/command-results.pruner';
import { IdempotentCommands } from './idempotent-commands/idempotent-commands';
import { serviceEventBusOptions } from './events.options';
import { OrganizationSettingsModule } from './organization-settings';
import { pingMessagesController } from './ping.messages.controller';
import { AnyServiceDefinition, serviceEntities, serviceMigrations, servesRpc, ServiceKitConfig } from './service-definition';

/** How long readiness waits for a pooled connection and `SELECT 1`. */
const READINESS_DB_TIMEOUT_MS = 2000;

/**
 * Readiness of the database: `SELECT 1` through the service's own pool within 2 s. A pool whose
 * every connection is held (and callers queue for one) answers "starved" with its figures, so a
 * wedged replica leaves the load balancer instead of looking healthy.
 */
export async function databaseAnswers(ds: DataSource, timeoutMs = READINESS_DB_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const pool = pgPoolOf(ds) as unknown as { totalCount: number; idleCount: number; waitingCount: number; options: { max: number } } | undefined;
      const figures = pool ? `${pool.totalCount - pool.idleCount}/${pool.options.max} connections in use, ${pool.waitingCount} waiting` : 'no pool';
      reject(new Error(`database pool starved: no answer within ${timeoutMs} ms (${figures})`));
    }, timeoutMs);
  });
  try {
    await Promise.race([ds.query('SELECT 1'), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The service's own NATS user and the server's CA, as CommonConfig has them. */
export function natsAuthOf(config: ServiceKitConfig): NatsClientAuth {
  return { user: config.NATS_USER || undefined, pass: config.NATS_PASSWORD || undefined, tlsCaFile: config.NATS_TLS_CA || undefined };
}

/** The config object of the running service, injectable anywhere. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

/**
 * What every Santral process has: JSON logs, metrics, its own schema, one NATS connection
 * (MessagingModule: typed RPC client, and with `events` the JetStream bus), liveness/readiness
 * probes over both, the RPC ping, the Clock and TransactionRunner ports, and with `settings` the
 * organization-settings projection.
 */
@Global()
@Module({})
export class ServiceKitModule {
  static forService(def: AnyServiceDefinition, config: ServiceKitConfig): DynamicModule {
    const prefix = config.SUBJECT_PREFIX || undefined;
    const tuning = typeof def.events === 'object' ? def.events : {};
    const controllers: Type<unknown>[] = servesRpc(def) ? [pingMessagesController(def.name as PingableService)] : [];
    return {
      module: ServiceKitModule,
      imports: [
        MessagingModule.forRoot({
          serviceName: def.name,
          natsUrl: config.NATS_URL.split(','),
          natsAuth: natsAuthOf(config),
          subjectPrefix: prefix,
          events: def.events ? serviceEventBusOptions(config, tuning) : undefined,
        }),
        LoggingModule.forService(def.name, config.LOG_LEVEL),
        MetricsModule.forService(def.name),
        PersistenceModule.forService({
          url: config.DATABASE_URL,
          schema: config.DB_SCHEMA,
          entities: serviceEntities(def),
          migrations: serviceMigrations(def),
          poolSize: config.DB_POOL_SIZE,
          acquireTimeoutMs: config.DB_POOL_ACQUIRE_TIMEOUT_MS,
          applicationName: `santral-${def.name}`,
        }),
        HealthModule.forRoot({
          inject: [DataSource, NatsConnectionProvider],
          checks: ((ds: DataSource, nc: NatsConnectionProvider): ReadinessCheck[] => [
            { name: 'database', check: () => databaseAnswers(ds) },
            { name: 'nats', check: () => nc.natsReady() },
          ]) as (...deps: never[]) => ReadinessCheck[],
        }),
        ...(def.settings ? [OrganizationSettingsModule.forService(def.settings)] : []),
      ],
      controllers,
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: Clock, useClass: SystemClock },
        { provide: TransactionRunner, useClass: TypeOrmTransactionRunner },
        ...(servesRpc(def) ? [IdempotentCommands, CommandResultsPruner] : []),
      ],
      exports: [SERVICE_CONFIG, Clock, TransactionRunner, PersistenceModule, ...(servesRpc(def) ? [IdempotentCommands] : []), ...(def.settings ? [OrganizationSettingsModule] : [])],
    };
  }
}

/** The root module of a service process: the kit and the service's own features. */
export function serviceModule<C extends ServiceKitConfig>(def: AnyServiceDefinition, config: C): DynamicModule {
  return {
    module: class ServiceRootModule {},
    imports: [ServiceKitModule.forService(def, config), ...(def.module ? [def.module(config)] : [])],
  };
}
