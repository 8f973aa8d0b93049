import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { type OrgId, type Page, type PageRequest, TenantRepository } from '@santral/persistence';
import { TelephonyError } from '../shared/telephony.error';
import { ProviderAccountEntity } from './provider-account.entity';

@Injectable()
export class ProviderAccountRepository extends TenantRepository<ProviderAccountEntity> {
  constructor(@InjectRepository(ProviderAccountEntity) repo: Repository<ProviderAccountEntity>) {
    super(repo);
  }

  /**
   * Webhook routing: the account id in the URL is all a provider sends, and it names
   * the organization. The only lookup without an organization id, by design.
   */
  findForWebhook(accountId: string): Promise<ProviderAccountEntity | null> {
    return this.findOneAcrossOrganizations({ id: accountId });
  }

  override async save(orgId: OrgId, entity: ProviderAccountEntity, manager?: EntityManager): Promise<ProviderAccountEntity> {
    if (entity.organizationId !== orgId) throw new TelephonyError('PROVIDER_ACCOUNT_NOT_FOUND');
    return super.save(orgId, entity, manager);
  }

  /** One page of the organization's accounts, newest first (the one order of every list). */
  page(orgId: OrgId, page: PageRequest): Promise<Page<ProviderAccountEntity>> {
    return this.findPage(orgId, page);
  }
}
