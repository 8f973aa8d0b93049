import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { createValidationPipe, defineService, ProblemDetailsFilter } from '@santral/service-kit';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AgentsModule } from './agents/agents.module';
import { AuthModule } from './auth/auth.module';
import { CallListsModule } from './call-lists/call-lists.module';
import { BillingModule } from './billing/billing.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { loadGatewayConfig } from './config';
import { entities } from './entities';
import { CallsModule } from './calls/calls.module';
import { DncModule } from './dnc/dnc.module';
import { HotlinesModule } from './hotlines/hotlines.module';
import { BODY_LIMIT_BYTES, configureHttpApp } from './http/configure-http-app';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { migrations } from './migrations';
import { OrganizationsModule } from './organizations/organizations.module';
import { PhoneNumbersModule } from './phone-numbers/phone-numbers.module';
import { PresenceModule } from './presence/presence.module';
import { ProviderAccountsModule } from './provider-accounts/provider-accounts.module';
import { TicketsModule } from './tickets/tickets.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [AuthModule, IdempotencyModule, OrganizationsModule, ApiKeysModule, UsersModule, PhoneNumbersModule, ProviderAccountsModule, DncModule, HotlinesModule, PresenceModule, CallsModule, AgentsModule, CallListsModule, BillingModule, CampaignsModule, TicketsModule],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
})
export class GatewayModule {}

/** The HTTP edge: serves HTTP only; commands and queries to services go out over NATS. */
export const gatewayService = defineService({
  name: 'api-gateway',
  loadConfig: loadGatewayConfig,
  module: () => GatewayModule,
  entities,
  migrations,
  events: true,
  bodyLimit: BODY_LIMIT_BYTES,
  configure: configureHttpApp,
});
