import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { decodeCursor, encodeCursor, type OrgId, type Page, TenantRepository } from '@santral/persistence';
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

  async page(orgId: OrgId, limit: number, cursor?: string): Promise<Page<ProviderAccountEntity>> {
    const pos = decodeCursor(cursor);
    if (cursor && !pos) throw new TelephonyError('INVALID_CURSOR');
    const qb = this.repo.createQueryBuilder('a').where('a.organization_id = :orgId', { orgId });
    // Ids are UUIDv7 (time-ordered): keyset on the id alone is creation order without timestamp rounding.
    if (pos) qb.andWhere('a.id > :id', { id: pos.id });
    const rows = await qb.orderBy('a.id', 'ASC').take(limit + 1).getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null };
  }
}
