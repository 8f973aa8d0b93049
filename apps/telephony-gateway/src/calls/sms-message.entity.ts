import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One SMS send, keyed by the command's smsId so a redelivery never sends twice. */
@Entity({ name: 'sms_messages' })
export class SmsMessageEntity {
  @PrimaryColumn('uuid', { name: 'sms_id' })
  smsId: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('uuid', { name: 'provider_account_id', nullable: true })
  providerAccountId: string | null;

  @Column('text', { name: 'to_number' })
  toNumber: string;

  @Column('text')
  status: 'sending' | 'sent' | 'failed';

  @Column('text', { name: 'provider_message_id', nullable: true })
  providerMessageId: string | null;

  @Column('text', { name: 'error_code', nullable: true })
  errorCode: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
