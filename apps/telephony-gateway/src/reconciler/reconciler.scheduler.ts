import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { TelephonyConfig } from '../config';
import { PruneWebhookReceiptsUseCase } from '../webhooks/prune-webhook-receipts.use-case';
import { ReconcileCallsUseCase } from './reconcile-calls.use-case';

/** Runs the reconciler every RECONCILER_INTERVAL_MS (0 turns it off) and prunes old webhook receipts. */
@Injectable()
export class ReconcilerScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconcilerScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly reconcile: ReconcileCallsUseCase,
    private readonly pruneReceipts: PruneWebhookReceiptsUseCase,
    @Inject(SERVICE_CONFIG) private readonly config: TelephonyConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.RECONCILER_INTERVAL_MS === 0) return;
    this.timer = setInterval(() => void this.tick(), this.config.RECONCILER_INTERVAL_MS);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.reconcile.execute().catch((err: Error) => this.logger.error(`reconciler tick failed: ${err.message}`));
      await this.pruneReceipts.execute().catch((err: Error) => this.logger.error(`pruning webhook receipts failed: ${err.message}`));
    } finally {
      this.running = false;
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
