import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A caller number of the organization (S3): whether it may call out, and which user groups may use it. */
@Entity({ name: 'hotlines' })
export class HotlineEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text')
  number: string;

  @Column('text')
  label: string;

  @Column('boolean', { name: 'outbound_allowed' })
  outboundAllowed: boolean;

  /** Empty: every group may use it. */
  @Column('text', { name: 'allowed_groups', array: true })
  allowedGroups: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
