import { Global, Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { GatewayConfig } from '../config';
import { BeginIdempotentRequestUseCase, IDEMPOTENCY_LEASE_MS, IDEMPOTENCY_TTL_MS } from './begin-idempotent-request.use-case';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencySweeper } from './idempotency-sweeper';
import { IdempotencyStore, PgIdempotencyStore } from './idempotency.store';

/** Global: @Idempotent() routes of any module resolve the interceptor's dependencies here. */
@Global()
@Module({
  providers: [
    { provide: IdempotencyStore, useClass: PgIdempotencyStore },
    {
      provide: IDEMPOTENCY_TTL_MS,
      useFactory: (config: GatewayConfig) => config.IDEMPOTENCY_TTL_HOURS * 3_600_000,
      inject: [SERVICE_CONFIG],
    },
    {
      provide: IDEMPOTENCY_LEASE_MS,
      useFactory: (config: GatewayConfig) => config.IDEMPOTENCY_LEASE_SECONDS * 1000,
      inject: [SERVICE_CONFIG],
    },
    BeginIdempotentRequestUseCase,
    IdempotencyInterceptor,
    IdempotencySweeper,
  ],
  exports: [BeginIdempotentRequestUseCase, IdempotencyInterceptor],
})
export class IdempotencyModule {}
