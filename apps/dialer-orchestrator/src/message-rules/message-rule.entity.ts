import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { MessageRuleChannel, MessageRuleWhen } from '@santral/contracts';
import type { DailyWindow } from '../domain';

/** A message rule of the organization (F3). */
@Entity({ name: 'message_rules' })
export class MessageRuleEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text')
  name: string;

  @Column('boolean')
  active: boolean;

  @Column('text')
  channel: MessageRuleChannel;

  @Column('text', { name: 'called_numbers', array: true })
  calledNumbers: string[];

  @Column('text', { name: 'when' })
  when: MessageRuleWhen;

  @Column('jsonb', { name: 'business_hours' })
  businessHours: DailyWindow[];

  @Column('text')
  template: string;

  @Column('integer', { name: 'window_hours' })
  windowHours: number;

  @Column('integer', { name: 'callback_after_minutes', nullable: true })
  callbackAfterMinutes: number | null;

  @Column('integer')
  priority: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
