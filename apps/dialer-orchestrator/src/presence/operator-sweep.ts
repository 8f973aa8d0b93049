import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { DialerConfig } from '../config';
import { ReleaseStaleOperatorsUseCase } from './release-stale-operators.use-case';

/** Runs the stale-operator sweep every OPERATOR_SWEEP_INTERVAL_MS (0 turns it off), one pass at a time. */
@Injectable()
export class OperatorSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OperatorSweep.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly release: ReleaseStaleOperatorsUseCase,
    @Inject(SERVICE_CONFIG) private readonly config: DialerConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.OPERATOR_SWEEP_INTERVAL_MS === 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.release
        .execute()
        .catch((e: Error) => this.logger.warn(`operator sweep failed: ${e.message}`))
        .finally(() => (this.running = undefined));
    }, this.config.OPERATOR_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
