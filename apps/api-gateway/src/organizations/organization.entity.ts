import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Plan } from './plan';

@Entity({ name: 'organizations' })
export class OrganizationEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  plan: Plan;

  @Column({ name: 'default_country', type: 'char', length: 2 })
  defaultCountry: string;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  @Column({ name: 'concurrent_slots', type: 'integer' })
  concurrentSlots: number;

  @Column({ name: 'calls_per_hour', type: 'integer' })
  callsPerHour: number;

  @Column({ name: 'min_credits_to_start', type: 'integer' })
  minCreditsToStart: number;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
