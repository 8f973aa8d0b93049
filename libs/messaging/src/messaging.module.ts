import { DynamicModule, Module, Provider } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { MetricsService } from '@santral/observability';
import { natsInboxPrefix, NatsConnectionProvider } from './connection/nats-connection.provider';
import { DeadLetters } from './dlq/dead-letters';
import { EventBus } from './events/event-bus';
import { MESSAGING_OPTIONS, MessagingModuleOptions } from './messaging.options';
import { MessagingMetrics } from './metrics/messaging-metrics';
import { EventBusLifecycle } from './nest/event-bus.lifecycle';
import { EventPublisher } from './outbox/event-publisher';
import { NatsRpcClient } from './rpc/nats-rpc.client';

function eventProviders(options: MessagingModuleOptions): Provider[] {
  const events = options.events;
  if (!events) return [];
  return [
    {
      provide: EventBus,
      useFactory: (conn: NatsConnectionProvider, dataSource: DataSource, metrics?: MetricsService) =>
        new EventBus({
          connection: conn.connection,
          dataSource,
          serviceName: options.serviceName,
          options: { subjectPrefix: options.subjectPrefix, ...events },
          // On the service's /metrics (deploy/grafana) when the process has a MetricsModule.
          metrics: metrics ? new MessagingMetrics(metrics.registry, options.subjectPrefix) : undefined,
        }),
      inject: [NatsConnectionProvider, DataSource, { token: MetricsService, optional: true }],
    },
    { provide: EventPublisher, useFactory: (bus: EventBus) => bus.publisher, inject: [EventBus] },
    { provide: DeadLetters, useFactory: (bus: EventBus) => bus.deadLetters, inject: [EventBus] },
    {
      provide: EventBusLifecycle,
      useFactory: (bus: EventBus, d: DiscoveryService, s: MetadataScanner, r: Reflector) => new EventBusLifecycle(bus, d, s, r),
      inject: [EventBus, DiscoveryService, MetadataScanner, Reflector],
    },
  ];
}

/**
 * One NATS connection per process, the RPC client and, with `events`, the JetStream
 * event bus (publisher, relay, `@OnEvent` consumers, dead letters). Global: import
 * once in the app module, after the persistence module.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: MESSAGING_OPTIONS, useValue: options },
      {
        provide: NatsConnectionProvider,
        useFactory: () =>
          NatsConnectionProvider.connect({
            servers: options.natsUrl,
            name: options.serviceName,
            inboxPrefix: natsInboxPrefix(options.serviceName),
            auth: options.natsAuth,
          }),
      },
      {
        provide: NatsRpcClient,
        useFactory: (conn: NatsConnectionProvider) => new NatsRpcClient(conn.connection, { subjectPrefix: options.subjectPrefix, ...options.rpc }),
        inject: [NatsConnectionProvider],
      },
      ...eventProviders(options),
    ];
    return {
      module: MessagingModule,
      global: true,
      imports: options.events ? [DiscoveryModule] : [],
      providers,
      exports: providers.filter((p) => (p as { provide?: unknown }).provide !== EventBusLifecycle),
    };
  }
}
