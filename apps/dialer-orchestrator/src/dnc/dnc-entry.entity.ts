import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A number the organization never dials (B4), in E.164. */
@Entity({ name: 'dnc_entries' })
export class DncEntryEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text')
  number: string;

  @Column('text', { nullable: true })
  reason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
