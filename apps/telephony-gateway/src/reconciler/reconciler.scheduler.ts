import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { TelephonyConfig } from '../config';
import { ReconcileCallsUseCase } from './reconcile-calls.use-case';

/** Runs the reconciler every RECONCILER_INTERVAL_MS (0 turns it off) and prunes old webhook receipts. */
@Injectable()
export class ReconcilerScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconcilerScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly reconcile: ReconcileCallsUseCase,
    private readonly dataSource: DataSource,
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
      await this.reconcile.execute();
      await this.dataSource.query(`DELETE FROM webhook_receipts WHERE received_at < now() - make_interval(days => $1)`, [this.config.WEBHOOK_RETENTION_DAYS]);
    } catch (err) {
      this.logger.error(`reconciler tick failed: ${(err as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
