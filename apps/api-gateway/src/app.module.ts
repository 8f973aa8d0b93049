import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { createValidationPipe, defineService, ProblemDetailsFilter } from '@santral/service-kit';
import { AuthModule } from './auth/auth.module';
import { loadGatewayConfig } from './config';
import { entities } from './entities';
import { BODY_LIMIT_BYTES, configureHttpApp } from './http/configure-http-app';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { PUBLIC_MODULES } from './http/openapi';
import { migrations } from './migrations';

@Module({
  // The routes' modules are listed once, in the OpenAPI document's list (a module missing there would be a route missing from /openapi.json).
  imports: [AuthModule, IdempotencyModule, ...PUBLIC_MODULES],
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
