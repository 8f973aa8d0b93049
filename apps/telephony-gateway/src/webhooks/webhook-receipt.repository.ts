import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { deleteInChunks } from '@santral/persistence';

/** `webhook_receipts` maintenance (ingest writes receipts in its batch statement). */
@Injectable()
export class WebhookReceiptRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Deletes receipts older than `days`, `chunk` rows a statement; rows another replica is deleting
   * are skipped, not waited for. Across all organizations: retention is the same for every tenant.
   */
  pruneOlderThan(days: number, chunk: number): Promise<number> {
    return deleteInChunks(
      this.dataSource,
      `DELETE FROM webhook_receipts WHERE ctid = ANY (ARRAY(
         SELECT ctid FROM webhook_receipts WHERE received_at < now() - make_interval(days => $1) LIMIT $2 FOR UPDATE SKIP LOCKED))`,
      [days, chunk],
      chunk,
    );
  }
}
