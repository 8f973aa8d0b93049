import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PresenceStatus } from '@santral/contracts';

/** Whether an operator can take a call now (E4, E8); one row per user of the organization. */
@Entity({ name: 'operator_presence' })
export class OperatorPresenceEntity {
  @PrimaryColumn('uuid', { name: 'organization_id' })
  organizationId: string;

  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @Column('text')
  status: PresenceStatus;

  @Column('uuid', { name: 'current_call_id', nullable: true })
  currentCallId: string | null;

  @Column('text', { nullable: true })
  endpoint: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
