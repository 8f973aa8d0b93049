import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { BillingConfig } from '../config';
import { ExpireReservationsUseCase } from './expire-reservations.use-case';

/** Runs the reservation sweeper every SWEEP_INTERVAL_MS (0 turns it off). */
@Injectable()
export class ReservationSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReservationSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly expire: ExpireReservationsUseCase,
    @Inject(SERVICE_CONFIG) private readonly config: BillingConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.SWEEP_INTERVAL_MS === 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.expire
        .execute()
        .catch((e: Error) => this.logger.warn(`sweeper pass failed: ${e.message}`))
        .finally(() => (this.running = undefined));
    }, this.config.SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
