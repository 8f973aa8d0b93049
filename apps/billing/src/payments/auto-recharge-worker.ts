import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { BillingConfig } from '../config';
import { ChargeAutoRechargesUseCase } from './charge-auto-recharges.use-case';

/** Runs the auto-recharge pass every PAYMENT_WORKER_INTERVAL_MS (0 turns it off). */
@Injectable()
export class AutoRechargeWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AutoRechargeWorker.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly charge: ChargeAutoRechargesUseCase,
    @Inject(SERVICE_CONFIG) private readonly config: BillingConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.PAYMENT_WORKER_INTERVAL_MS === 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.charge
        .execute(this.config.PAYMENT_RETRY_AFTER_MS)
        .catch((e: Error) => this.logger.warn(`auto-recharge pass failed: ${e.message}`))
        .finally(() => (this.running = undefined));
    }, this.config.PAYMENT_WORKER_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
