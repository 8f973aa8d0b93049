import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The gateway's view of one call: enough to dial once, resolve webhooks and reconcile. */
@Entity({ name: 'telephony_calls' })
export class TelephonyCallEntity {
  @PrimaryColumn('uuid', { name: 'call_id' })
  callId: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('uuid', { name: 'provider_account_id' })
  providerAccountId: string;

  @Column('text')
  provider: string;

  @Column('text')
  direction: 'outbound' | 'inbound';

  @Column('int')
  attempt: number;

  /** dialing → initiated → ringing → answered → ended (only moves forward). */
  @Column('text')
  state: string;

  @Column('text', { name: 'provider_call_id', nullable: true })
  providerCallId: string | null;

  @Column('text', { name: 'from_number', nullable: true })
  fromNumber: string | null;

  @Column('text', { name: 'to_number', nullable: true })
  toNumber: string | null;

  @Column('int', { name: 'max_duration_seconds', nullable: true })
  maxDurationSeconds: number | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'last_fact_at' })
  lastFactAt: Date;

  @Column('timestamptz', { name: 'deadline_at', nullable: true })
  deadlineAt: Date | null;

  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt: Date | null;

  @Column('jsonb', { name: 'end_reason', nullable: true })
  endReason: Record<string, unknown> | null;
}

/** Provider call and leg ids stored against ours. */
@Entity({ name: 'provider_call_refs' })
export class ProviderCallRefEntity {
  @PrimaryColumn('uuid', { name: 'provider_account_id' })
  providerAccountId: string;

  @PrimaryColumn('text', { name: 'provider_ref' })
  providerRef: string;

  @Column('text', { name: 'ref_kind' })
  refKind: 'call' | 'leg';

  @Column('uuid', { name: 'call_id' })
  callId: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
