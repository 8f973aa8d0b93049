import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { TelephonyConfig } from '../config';
import { WebhookReceiptRepository } from './webhook-receipt.repository';

/** Rows one statement deletes: short transactions, short locks, WAL in small pieces. */
export const RECEIPT_PRUNE_CHUNK = 5000;

/**
 * Deletes webhook receipts (raw payload + dedupe key) older than WEBHOOK_RETENTION_DAYS (≥ 3,
 * DESIGN §7), a chunk per statement, so a backlog after downtime (millions of rows at a few
 * thousand webhooks a second) never becomes one huge transaction.
 */
@Injectable()
export class PruneWebhookReceiptsUseCase {
  constructor(
    private readonly receipts: WebhookReceiptRepository,
    @Inject(SERVICE_CONFIG) private readonly config: TelephonyConfig,
  ) {}

  /** Returns how many receipts it deleted. */
  execute(chunk = RECEIPT_PRUNE_CHUNK): Promise<number> {
    return this.receipts.pruneOlderThan(this.config.WEBHOOK_RETENTION_DAYS, chunk);
  }
}
