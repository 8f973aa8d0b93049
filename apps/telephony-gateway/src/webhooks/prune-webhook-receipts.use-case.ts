import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { deleteInChunks } from '@santral/persistence';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { TelephonyConfig } from '../config';

/** Rows one statement deletes: short transactions, short locks, WAL in small pieces. */
export const RECEIPT_PRUNE_CHUNK = 5000;

/**
 * Deletes webhook receipts (raw payload + dedupe key) older than WEBHOOK_RETENTION_DAYS (≥ 3,
 * DESIGN §7), a chunk per statement, so a backlog after downtime (millions of rows at a few
 * thousand webhooks a second) never becomes one huge transaction. Rows another replica is
 * deleting are skipped, not waited for. Maintenance across all organizations, like the outbox
 * pruner: retention is the same for every tenant.
 */
@Injectable()
export class PruneWebhookReceiptsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: TelephonyConfig,
  ) {}

  /** Returns how many receipts it deleted. */
  execute(chunk = RECEIPT_PRUNE_CHUNK): Promise<number> {
    return deleteInChunks(
      this.dataSource,
      `DELETE FROM webhook_receipts WHERE ctid = ANY (ARRAY(
         SELECT ctid FROM webhook_receipts WHERE received_at < now() - make_interval(days => $1) LIMIT $2 FOR UPDATE SKIP LOCKED))`,
      [this.config.WEBHOOK_RETENTION_DAYS, chunk],
      chunk,
    );
  }
}
