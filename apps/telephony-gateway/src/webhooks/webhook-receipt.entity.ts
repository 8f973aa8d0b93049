import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Raw provider webhook and its dedupe key, kept WEBHOOK_RETENTION_DAYS (≥ 3 days). */
@Entity({ name: 'webhook_receipts' })
export class WebhookReceiptEntity {
  @PrimaryColumn('uuid', { name: 'provider_account_id' })
  providerAccountId: string;

  @PrimaryColumn('text', { name: 'dedupe_key' })
  dedupeKey: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text')
  event: string;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt: Date;

  @Column('text')
  payload: string;
}
