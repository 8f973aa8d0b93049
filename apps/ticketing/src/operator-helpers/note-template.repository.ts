import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { tenantQuery, type OrgId, type Tx } from '@santral/persistence';
import type { NoteTemplate } from './note-template';
import { NoteTemplatesPort } from './operator-helpers.port';

interface Row {
  id: string;
  organization_id: string;
  name: string;
  body: string;
  category: string | null;
  tags: string[];
  subject: string | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, organization_id, name, body, category, tags, subject, created_at, updated_at';

const toTemplate = (r: Row): NoteTemplate => ({
  id: r.id,
  organizationId: r.organization_id as OrgId,
  name: r.name,
  body: r.body,
  category: r.category,
  tags: r.tags,
  subject: r.subject,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

@Injectable()
export class NoteTemplateRepository extends NoteTemplatesPort {
  constructor(private readonly db: DataSource) {
    super();
  }

  async insert(t: NoteTemplate, tx: Tx): Promise<boolean> {
    const rows = await tenantQuery(
      tx,
      t.organizationId,
      `INSERT INTO note_templates (organization_id, id, name, body, category, tags, subject, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9) ON CONFLICT DO NOTHING RETURNING 1`,
      [t.id, t.name, t.body, t.category, t.tags, t.subject, t.createdAt, t.updatedAt],
    );
    return rows.length > 0;
  }

  async update(t: NoteTemplate, tx: Tx): Promise<boolean> {
    // The row is locked by findForUpdate; a name another template holds is checked first so that the
    // unique index is only the last guard (a violation there aborts the caller's transaction).
    const taken = await tenantQuery(tx, t.organizationId, `SELECT 1 FROM note_templates WHERE organization_id = $1 AND lower(name) = lower($2) AND id <> $3`, [t.name, t.id]);
    if (taken.length > 0) return false;
    await tenantQuery(
      tx,
      t.organizationId,
      `UPDATE note_templates SET name = $3, body = $4, category = $5, tags = $6::text[], subject = $7, updated_at = $8 WHERE organization_id = $1 AND id = $2`,
      [t.id, t.name, t.body, t.category, t.tags, t.subject, t.updatedAt],
    );
    return true;
  }

  async findForUpdate(orgId: OrgId, id: string, tx: Tx): Promise<NoteTemplate | null> {
    const rows = await tenantQuery<Row>(tx, orgId, `SELECT ${COLUMNS} FROM note_templates WHERE organization_id = $1 AND id = $2 FOR UPDATE`, [id]);
    return rows[0] ? toTemplate(rows[0]) : null;
  }

  async find(orgId: OrgId, id: string): Promise<NoteTemplate | null> {
    const rows = await tenantQuery<Row>(this.db, orgId, `SELECT ${COLUMNS} FROM note_templates WHERE organization_id = $1 AND id = $2`, [id]);
    return rows[0] ? toTemplate(rows[0]) : null;
  }

  async list(orgId: OrgId, category: string | null, limit: number): Promise<NoteTemplate[]> {
    const rows = await tenantQuery<Row>(
      this.db,
      orgId,
      `SELECT ${COLUMNS} FROM note_templates WHERE organization_id = $1 AND ($2::text IS NULL OR lower(category) = lower($2)) ORDER BY lower(name), id LIMIT $3`,
      [category, limit],
    );
    return rows.map(toTemplate);
  }

  async remove(orgId: OrgId, id: string, tx: Tx): Promise<void> {
    await tenantQuery(tx, orgId, `DELETE FROM note_templates WHERE organization_id = $1 AND id = $2`, [id]);
  }
}
