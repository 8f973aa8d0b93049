import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { DialerConfig } from '../config';
import { Dispatcher } from '../dispatch/dispatcher';
import { ExpireOverlongCallsUseCase } from './expire-overlong-calls.use-case';
import { ExpireQueuedTasksUseCase } from './expire-queued-tasks.use-case';
import { ExpireSilentCallsUseCase } from './expire-silent-calls.use-case';
import { ExpireUnansweredCallsUseCase } from './expire-unanswered-calls.use-case';

/**
 * Runs the watchdogs every WATCHDOG_INTERVAL_MS (0 turns them off), one sweep at a time per replica:
 * silent calls (lease ran out), calls past their ring timeout, calls past their maximum length,
 * direct calls queued too long. Each ends what it finds exactly once; freed slots wake the dispatcher.
 */
@Injectable()
export class Watchdog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Watchdog.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly silent: ExpireSilentCallsUseCase,
    private readonly unanswered: ExpireUnansweredCallsUseCase,
    private readonly overlong: ExpireOverlongCallsUseCase,
    private readonly queued: ExpireQueuedTasksUseCase,
    private readonly dispatcher: Dispatcher,
    @Inject(SERVICE_CONFIG) private readonly config: DialerConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.WATCHDOG_INTERVAL_MS === 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep()
        .then(() => undefined)
        .catch((e: Error) => this.logger.warn(`watchdog pass failed: ${e.message}`))
        .finally(() => (this.running = undefined));
    }, this.config.WATCHDOG_INTERVAL_MS);
    this.timer.unref();
  }

  /** One sweep of every watchdog; returns how many calls (and queued tasks) it ended. */
  async sweep(): Promise<number> {
    let closed = 0;
    for (const watchdog of [this.silent, this.unanswered, this.overlong]) closed += await watchdog.execute();
    if (closed) this.dispatcher.wake();
    return closed + (await this.queued.execute());
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
