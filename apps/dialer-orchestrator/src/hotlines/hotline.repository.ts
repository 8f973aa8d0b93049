import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { TenantRepository, type OrgId, type Page, type PageRequest, type Tx } from '@santral/persistence';
import type { Hotline } from './hotline';
import { HotlineEntity } from './hotline.entity';
import { HotlineStore, type HotlineChanges, type NewHotline } from './hotline.store';

@Injectable()
export class HotlineRepository extends TenantRepository<HotlineEntity> implements HotlineStore {
  constructor(@InjectRepository(HotlineEntity) repo: Repository<HotlineEntity>) {
    super(repo);
  }

  async addIfNumberFree(orgId: OrgId, h: NewHotline, tx: Tx): Promise<boolean> {
    const rows = await this.sql(
      orgId,
      `INSERT INTO hotlines (id, organization_id, number, label, outbound_allowed, allowed_groups)
       VALUES ($2, $1, $3, $4, $5, $6::text[])
       ON CONFLICT (organization_id, number) DO NOTHING RETURNING 1`,
      [h.id, h.number, h.label, h.outboundAllowed, h.allowedGroups],
      tx,
    );
    return rows.length > 0;
  }

  findById(orgId: OrgId, id: string, tx?: Tx): Promise<Hotline | null> {
    return this.findOne(orgId, { id }, tx);
  }

  findByNumber(orgId: OrgId, e164: string, tx?: Tx): Promise<Hotline | null> {
    return this.findOne(orgId, { number: e164 }, tx);
  }

  async firstCallingOut(orgId: OrgId): Promise<Hotline | null> {
    const [row] = await this.sql<{ id: string }>(
      orgId,
      `SELECT id FROM hotlines WHERE organization_id = $1 AND outbound_allowed ORDER BY created_at, id LIMIT 1`,
    );
    return row ? this.findById(orgId, row.id) : null;
  }

  page(orgId: OrgId, page: PageRequest): Promise<Page<Hotline>> {
    return this.findPage(orgId, page);
  }

  async change(orgId: OrgId, id: string, changes: HotlineChanges): Promise<Hotline | null> {
    const affected = await this.update(orgId, { id }, changes);
    return affected === 0 ? null : this.findById(orgId, id);
  }
}
