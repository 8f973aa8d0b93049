import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { DialerConfig } from '../config';
import { Dispatcher } from '../dispatch/dispatcher';
import { ExpireSilentCallsUseCase } from './expire-silent-calls.use-case';

/** Runs the watchdog every WATCHDOG_INTERVAL_MS (0 turns it off); freed slots wake the dispatcher. */
@Injectable()
export class Watchdog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Watchdog.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly expire: ExpireSilentCallsUseCase,
    private readonly dispatcher: Dispatcher,
    @Inject(SERVICE_CONFIG) private readonly config: DialerConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.WATCHDOG_INTERVAL_MS === 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.expire
        .execute()
        .then((closed) => (closed ? this.dispatcher.wake() : undefined))
        .catch((e: Error) => this.logger.warn(`watchdog pass failed: ${e.message}`))
        .finally(() => (this.running = undefined));
    }, this.config.WATCHDOG_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
