import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { keysetPage, type OrgId, type Page, type PageRequest, TenantRepository } from '@santral/persistence';
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
    return this.repo.findOne({ where: { id: accountId } });
  }

  async save(orgId: OrgId, entity: ProviderAccountEntity): Promise<ProviderAccountEntity> {
    if (entity.organizationId !== orgId) throw new TelephonyError('PROVIDER_ACCOUNT_NOT_FOUND');
    return this.repo.save(entity);
  }

  /** One page of the organization's accounts, newest first (the one order of every list). */
  page(orgId: OrgId, page: PageRequest): Promise<Page<ProviderAccountEntity>> {
    return keysetPage(this.repo.createQueryBuilder('a').where('a.organization_id = :orgId', { orgId }), 'a', page);
  }
}
