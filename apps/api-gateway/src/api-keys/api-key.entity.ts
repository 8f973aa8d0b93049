import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../auth/role';

@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column('text')
  name: string;

  @Column('text')
  role: Role;

  /** Non-secret start of the key (`sk_live_Ab12Cd34`), shown in listings. */
  @Column('text')
  prefix: string;

  /** SHA-256 (hex) of the whole key; the key itself is never stored. */
  @Column({ name: 'key_hash', type: 'char', length: 64 })
  keyHash: string;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', precision: 3, nullable: true })
  revokedAt: Date | null;
}
