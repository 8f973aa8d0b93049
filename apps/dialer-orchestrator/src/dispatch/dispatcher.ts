import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { DialerConfig } from '../config';
import { DispatchCallsUseCase } from './dispatch-calls.use-case';

/**
 * Runs dispatch passes: at once when woken (a freed slot is reused on the event, not on a poll),
 * else every DISPATCH_INTERVAL_MS (0 turns the dispatcher off), and again while passes are full.
 * One pass at a time per replica; replicas share the work through SKIP LOCKED.
 */
@Injectable()
export class Dispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Dispatcher.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly dispatch: DispatchCallsUseCase,
    @Inject(SERVICE_CONFIG) private readonly config: DialerConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.DISPATCH_INTERVAL_MS === 0) return;
    this.timer = setInterval(() => this.wake(), this.config.DISPATCH_INTERVAL_MS);
    this.timer.unref();
    this.wake();
  }

  /** Asks for a pass now; one already running runs once more afterwards. */
  wake(): void {
    if (this.stopped || this.config.DISPATCH_INTERVAL_MS === 0) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => (this.running = undefined));
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        // Again while passes dispatch: slots freed meanwhile are taken at once.
        while (!this.stopped && (await this.dispatch.execute(this.config.DISPATCH_MAX_ORGANIZATIONS)) > 0);
      } catch (err) {
        this.logger.warn(`dispatch pass failed: ${(err as Error).message}`);
      }
    } while (this.again && !this.stopped);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }
}
