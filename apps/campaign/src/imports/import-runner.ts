import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { ImportJob } from './import-job';
import { RunImportUseCase } from './run-import.use-case';

/** Port: runs accepted import jobs in the background. */
export abstract class ImportQueue {
  abstract enqueue(job: ImportJob): void;
}

/**
 * One job at a time per process (an import holds one connection and a few batches; two at once
 * would only compete for the same cores). Jobs wait in memory; a restart leaves them `queued`
 * (see the README: re-run with a new upload).
 */
@Injectable()
export class InProcessImportQueue extends ImportQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(InProcessImportQueue.name);
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly run: RunImportUseCase) {
    super();
  }

  enqueue(job: ImportJob): void {
    this.chain = this.chain.then(() => this.run.execute(job)).catch((error: Error) => this.logger.error(`import ${job.id}: ${error.message}`));
  }

  /** Lets the job in progress finish (or fail) before the pool closes. */
  async onApplicationShutdown(): Promise<void> {
    await this.chain;
  }
}
