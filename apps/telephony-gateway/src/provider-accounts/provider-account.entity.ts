import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { PROVIDER_ACCOUNT_TYPES, type ProviderAccountType } from '@santral/contracts';

/** The provider types an account can have: the contract's list (api-gateway validates against the same one). */
export const PROVIDER_TYPES = PROVIDER_ACCOUNT_TYPES;
export type ProviderType = ProviderAccountType;

/** A provider account of one organization; secrets are sealed with AES-256-GCM (SecretBox). */
@Entity({ name: 'provider_accounts' })
export class ProviderAccountEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text')
  type: ProviderType;

  @Column('text')
  name: string;

  @Column('jsonb')
  settings: Record<string, unknown>;

  @Column('text', { name: 'secrets_sealed' })
  secretsSealed: string;

  /** Provider employee id → platform user id (G4). */
  @Column('jsonb', { name: 'operator_map' })
  operatorMap: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
