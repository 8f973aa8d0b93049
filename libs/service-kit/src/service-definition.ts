import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { MigrationInterface } from 'typeorm';
import type { CommonConfig } from '@santral/config';
import { serviceInfo, type ServiceName } from '@santral/contracts';
import { MessagingTables1763800000000, type ConsumerSettings, type OutboxRelayOptions } from '@santral/messaging';
import { CommandResults1764300000000 } from './idempotent-commands/command-results.migration';
import { OrganizationSettings1763900000000, type SettingsPicker } from './organization-settings';

export type ServiceKitConfig = CommonConfig & { DB_SCHEMA: string };

/** Production tuning of a service's JetStream bus (tests get short backoffs and polls instead). */
export interface ServiceEventsTuning {
  relay?: OutboxRelayOptions;
  consumer?: ConsumerSettings;
}

/**
 * Everything the kit needs to run one service: its name (services.json has the rest), its
 * config class, its feature module and storage. `main.ts` is `runService(definition)`; tests
 * boot the same definition (`serviceModule`, `serviceMigrations`).
 */
export interface ServiceDefinition<C extends ServiceKitConfig = ServiceKitConfig> {
  name: ServiceName;
  /** Validated once at boot; list every bad variable. Default: `loadConfig(configClass)`. */
  loadConfig: (env?: Record<string, string | undefined>) => C;
  /** The service's own features (controllers, providers, imports). */
  module?: (config: C) => DynamicModule | Type<unknown>;
  /** The service's own TypeORM entities and migrations; the kit adds its own. */
  entities?: Array<new () => object>;
  migrations?: Array<new () => MigrationInterface>;
  /** JetStream bus (outbox, relay, `@OnEvent` consumers): true, or production tuning. */
  events?: boolean | ServiceEventsTuning;
  /** Keep a projection of gateway.organization.* events (needs events). */
  settings?: SettingsPicker;
  bodyLimit?: number;
  /** Extra HTTP set-up before listening (OpenAPI, parsers, hooks). */
  configure?: (app: NestFastifyApplication, config: C) => Promise<void> | void;
}

/** Defines a service; the identity function, for inference of the config type. */
export function defineService<C extends ServiceKitConfig>(def: ServiceDefinition<C>): ServiceDefinition<C> {
  if (def.settings && !def.events) throw new Error(`${def.name}: the organization-settings projection needs events`);
  return def;
}

/** Every migration the service's schema needs, the kit's first (TypeORM orders them by timestamp anyway). */
export function serviceMigrations(def: AnyServiceDefinition): Array<new () => MigrationInterface> {
  return [
    ...(def.events ? [MessagingTables1763800000000] : []),
    ...(def.settings ? [OrganizationSettings1763900000000] : []),
    // A service that answers commands keeps their answers per idempotency key (IdempotentCommands).
    ...(servesRpc(def) ? [CommandResults1764300000000] : []),
    ...(def.migrations ?? []),
  ];
}

export function serviceEntities(def: AnyServiceDefinition): Array<new () => object> {
  return [...(def.entities ?? [])];
}

/** Whether the service answers NATS request/reply (services.json). */
export function servesRpc(def: AnyServiceDefinition): boolean {
  return serviceInfo(def.name).rpc;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyServiceDefinition = ServiceDefinition<any>;
