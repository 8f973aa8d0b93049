import { Logger } from '@nestjs/common';
import type { IngestItem, IngestOutcome, WebhookBatchWriter } from './webhook-batch.writer';

interface Pending {
  item: IngestItem;
  resolve(o: IngestOutcome): void;
  reject(e: unknown): void;
}

/**
 * Group commit for webhook ingest: requests that arrive together share one transaction,
 * so throughput is not bounded by one commit per webhook. Each caller still waits for
 * its own commit before answering 2xx. A failed batch is retried item by item so one
 * bad webhook cannot fail the others.
 */
export class IngestBatcher {
  private readonly logger = new Logger(IngestBatcher.name);
  private queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly writer: WebhookBatchWriter,
    private readonly maxBatch: number,
    private readonly maxConcurrent: number,
  ) {}

  submit(item: IngestItem): Promise<IngestOutcome> {
    return new Promise<IngestOutcome>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxConcurrent && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      void this.flush(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async flush(batch: Pending[]): Promise<void> {
    try {
      const outcomes = await this.writer.write(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(outcomes[i]!));
      return;
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      this.logger.warn(`batch of ${batch.length} failed (${(err as Error).message}); retrying one by one`);
    }
    for (const p of batch) {
      try {
        const [o] = await this.writer.write([p.item]);
        p.resolve(o!);
      } catch (err) {
        p.reject(err);
      }
    }
  }
}
