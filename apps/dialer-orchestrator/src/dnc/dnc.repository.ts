import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { TenantRepository, type OrgId, type Page, type PageRequest, type Tx } from '@santral/persistence';
import { DncEntryEntity } from './dnc-entry.entity';
import { DncStore, type DncEntry, type DncListed } from './dnc.store';

@Injectable()
export class DncRepository extends TenantRepository<DncEntryEntity> implements DncStore {
  constructor(@InjectRepository(DncEntryEntity) repo: Repository<DncEntryEntity>) {
    super(repo);
  }

  async addMissing(orgId: OrgId, numbers: readonly string[], reason: string | null, tx: Tx): Promise<DncListed[]> {
    const distinct = [...new Set(numbers)];
    if (distinct.length === 0) return [];
    const ids = distinct.map(() => uuidv7());
    // ON CONFLICT DO NOTHING: a number already listed keeps its first entry (and reason).
    const inserted = await this.sql<{ number: string }>(
      orgId,
      `INSERT INTO dnc_entries (id, organization_id, number, reason)
       SELECT id, $1, number, $4 FROM unnest($2::uuid[], $3::text[]) AS t(id, number)
       ON CONFLICT (organization_id, number) DO NOTHING
       RETURNING number`,
      [ids, distinct, reason],
      tx,
    );
    const added = new Set(inserted.map((r) => r.number));
    const rows = await this.sql<{ id: string; number: string }>(
      orgId,
      `SELECT id, number FROM dnc_entries WHERE organization_id = $1 AND number = ANY($2::text[])`,
      [distinct],
      tx,
    );
    return rows.map((r) => ({ id: r.id, number: r.number, added: added.has(r.number) }));
  }

  page(orgId: OrgId, page: PageRequest): Promise<Page<DncEntry>> {
    return this.findPage(orgId, page);
  }

  findByNumber(orgId: OrgId, e164: string): Promise<DncEntry | null> {
    return this.findOne(orgId, { number: e164 });
  }

  async remove(orgId: OrgId, id: string): Promise<DncEntry | null> {
    const rows = await this.sql<{ id: string; number: string; reason: string | null; created_at: Date }>(
      orgId,
      `DELETE FROM dnc_entries WHERE organization_id = $1 AND id = $2 RETURNING id, number, reason, created_at`,
      [id],
    );
    const row = rows[0];
    return row ? { id: row.id, number: row.number, reason: row.reason, createdAt: row.created_at } : null;
  }

  async isOnDnc(orgId: OrgId, e164: string): Promise<boolean> {
    const rows = await this.sql(orgId, `SELECT 1 FROM dnc_entries WHERE organization_id = $1 AND number = $2`, [e164]);
    return rows.length > 0;
  }

  async listedAmong(orgId: OrgId, numbers: readonly string[], tx?: Tx): Promise<string[]> {
    const rows = await this.sql<{ number: string }>(orgId, `SELECT DISTINCT number FROM dnc_entries WHERE organization_id = $1 AND number = ANY($2::text[])`, [[...numbers]], tx);
    return rows.map((r) => r.number);
  }
}
