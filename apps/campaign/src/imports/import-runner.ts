import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { CampaignConfig } from '../config';
import type { ImportJob } from './import-job';
import { ImportJobsPort } from './imports.port';
import { RunImportUseCase } from './run-import.use-case';

/** Port: runs accepted import jobs in the background. */
export abstract class ImportQueue {
  abstract enqueue(job: ImportJob): void;
}

/** Orphaned jobs one recovery sweep takes at most. */
const RECOVERY_BATCH = 20;

/**
 * One job at a time per process (an import holds one connection and a few batches; two at once
 * would only compete for the same cores). Jobs wait in memory; every IMPORT_RECOVERY_INTERVAL_MS
 * the queue also takes the jobs whose process died — queued and never started, or running without a
 * heartbeat for IMPORT_STALE_MS — and runs them again from the start (an import is all or nothing,
 * and claiming a job is atomic, so one replica runs it).
 */
@Injectable()
export class InProcessImportQueue extends ImportQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InProcessImportQueue.name);
  private chain: Promise<void> = Promise.resolve();
  private readonly waiting = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(
    private readonly run: RunImportUseCase,
    private readonly jobs: ImportJobsPort,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<CampaignConfig, 'IMPORT_RECOVERY_INTERVAL_MS'>,
  ) {
    super();
  }

  enqueue(job: ImportJob): void {
    if (this.waiting.has(job.id)) return;
    this.waiting.add(job.id);
    this.chain = this.chain
      .then(() => this.run.execute(job))
      .catch((error: Error) => this.logger.error(`import ${job.id}: ${error.message}`))
      .finally(() => this.waiting.delete(job.id));
  }

  onApplicationBootstrap(): void {
    if (this.config.IMPORT_RECOVERY_INTERVAL_MS === 0) return;
    this.timer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.recover()
        .catch((error: Error) => this.logger.warn(`import recovery sweep failed: ${error.message}`))
        .finally(() => (this.sweeping = undefined));
    }, this.config.IMPORT_RECOVERY_INTERVAL_MS);
    this.timer.unref();
  }

  private async recover(): Promise<void> {
    for (const job of await this.jobs.orphaned(RECOVERY_BATCH)) {
      if (this.waiting.has(job.id)) continue;
      this.logger.warn(`import ${job.id} (${job.state}) has no live process: running it again`);
      this.enqueue(job);
    }
  }

  /** Lets the job in progress finish (or fail) before the pool closes. */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
    await this.chain;
  }
}
