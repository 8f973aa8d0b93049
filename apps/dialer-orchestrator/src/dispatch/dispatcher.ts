import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { DialerConfig } from '../config';
import { DispatchCallsUseCase } from './dispatch-calls.use-case';

/**
 * Runs dispatch passes: at once when woken (a freed slot is reused on the event, not on a poll),
 * else every DISPATCH_INTERVAL_MS (0 turns the dispatcher off), and again while passes are full.
 * One pass at a time per replica; replicas share the work through SKIP LOCKED.
 */
/** After a pass that found only organizations another pass held: look again this soon, this often. */
const BUSY_RETRY_MS = 5;
const BUSY_RETRIES = 20;

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
        // Again while passes dispatch: slots freed meanwhile are taken at once. An organization another
        // pass held (another replica's) may have had a slot freed for this one: look again shortly.
        for (let busyRetries = 0; !this.stopped; ) {
          const pass = await this.dispatch.execute(this.config.DISPATCH_MAX_ORGANIZATIONS);
          if (pass.dispatched > 0) {
            busyRetries = 0;
            continue;
          }
          if (pass.busy === 0 || busyRetries++ >= BUSY_RETRIES) break;
          await new Promise((r) => setTimeout(r, BUSY_RETRY_MS));
        }
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
