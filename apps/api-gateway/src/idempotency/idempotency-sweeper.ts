import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { IdempotencyStore } from './idempotency.store';

const SWEEP_EVERY_MS = 15 * 60 * 1000;

/** Deletes expired idempotency rows now and then (expired rows are already ignored by claims). */
@Injectable()
export class IdempotencySweeper implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('IdempotencySweeper');
  private timer?: NodeJS.Timeout;

  constructor(private readonly store: IdempotencyStore) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    try {
      await this.store.deleteExpired();
    } catch (e) {
      this.logger.warn(`Idempotency sweep failed: ${(e as Error).message}`);
    }
  }
}
