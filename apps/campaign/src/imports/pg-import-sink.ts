import { Injectable } from '@nestjs/common';
import { once } from 'node:events';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { DomainError } from '@santral/contracts';
import { holdClient, pgPoolOf, tenantQuery, type OrgId } from '@santral/persistence';
import { ContactIds } from './contact-ids';
import { BinaryCopyBody, CopyBody, copyValue, pgText } from './copy-format';
import type { ImportCounts, StagedRow } from './import-job';
import { ImportSink, type ImportSession } from './imports.port';

const CONTACT_COLUMNS = 'id, organization_id, call_list_id, import_id, line, phone, name, time_zone, variables, on_dnc';
const REJECTION_COLUMNS = 'import_id, organization_id, line, code, reason, raw';

/** Sends one COPY … FROM STDIN body on the client and waits for Postgres to take it. */
async function copyInto(client: PoolClient, table: string, columns: string, body: Buffer, format: 'text' | 'binary' = 'text'): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN${format === 'binary' ? ' WITH (FORMAT binary)' : ''}`));
  const done = once(stream, 'finish');
  stream.end(body);
  await done;
}

/**
 * COPY straight into contacts and import_rejections, batch by batch, in one transaction on one
 * pooled connection that locks the call list first (FOR NO KEY UPDATE: a foreign key to the list
 * is not held up, a second import into it waits): a job that fails at any point (bad file, crash,
 * lost dialer) rolls back and leaves no contact, and two imports into one list run one after the
 * other. The use case has rejected the duplicates, so the list's unique (list, number)
 * constraint is only the last guard.
 */
class PgImportSession implements ImportSession {
  /** The import's transaction holds its client for minutes: a connection lost meanwhile fails the job's next statement, not the process. */
  private readonly detach: () => void;
  private readonly ids = new ContactIds();
  private readonly writeId = (into: Buffer, offset: number) => this.ids.writeNext(into, offset);
  /** The columns every row of this job shares, COPY-formatted: organization, list and import of a contact (binary), of a rejection (text). */
  private readonly contactShared: Buffer;
  private readonly rejectionPrefix: string;

  constructor(
    private readonly client: PoolClient,
    private readonly orgId: OrgId,
    private readonly callListId: string,
    private readonly importId: string,
    private readonly listHadContacts: boolean,
  ) {
    this.detach = holdClient(client, () => undefined);
    this.contactShared = Buffer.concat([orgId, callListId, importId].map(BinaryCopyBody.uuidField));
    this.rejectionPrefix = `${importId}\t${orgId}\t`;
  }

  async inList(e164: string[]): Promise<Set<string>> {
    if (!this.listHadContacts || e164.length === 0) return new Set();
    const rows = await tenantQuery<{ phone: string }>(
      this.client,
      this.orgId,
      `SELECT phone FROM contacts WHERE organization_id = $1 AND call_list_id = $2 AND import_id <> $3 AND phone = ANY($4::text[])`,
      [this.callListId, this.importId, e164],
    );
    return new Set(rows.map((r) => r.phone));
  }

  async write(rows: StagedRow[]): Promise<void> {
    const contacts = new BinaryCopyBody(1 << 20);
    const rejections = new CopyBody();
    for (const r of rows) {
      if (r.code === null) {
        contacts.row(10).uuid(this.writeId).raw(this.contactShared).int4(r.line).text(r.phone).text(r.name).text(r.timeZone);
        contacts.jsonb(r.variables === null ? '{}' : JSON.stringify(r.variables)).bool(r.onDnc);
      } else {
        rejections.row(`${this.rejectionPrefix}${r.line}\t${r.code}\t${copyValue(r.reason)}\t${copyValue(r.raw === null ? null : pgText(r.raw))}\n`);
      }
    }
    if (!contacts.empty) await copyInto(this.client, 'contacts', CONTACT_COLUMNS, contacts.bytes(), 'binary');
    if (!rejections.empty) await copyInto(this.client, 'import_rejections', REJECTION_COLUMNS, rejections.bytes());
  }

  async commit(counts: ImportCounts): Promise<void> {
    await tenantQuery(
      this.client,
      this.orgId,
      `UPDATE import_jobs SET state = 'completed', rows_read = $3, accepted = $4, rejected = $5, duplicates = $6, on_dnc = $7, finished_at = clock_timestamp(), error_code = NULL, error_message = NULL
       WHERE organization_id = $1 AND id = $2`,
      [this.importId, counts.rowsRead, counts.accepted, counts.rejected, counts.duplicates, counts.onDnc],
    );
    await this.client.query('COMMIT');
    this.detach();
    this.client.release();
  }

  async abort(): Promise<void> {
    this.detach();
    try {
      await this.client.query('ROLLBACK');
      this.client.release();
    } catch (error) {
      this.client.release(error as Error);
    }
  }
}

@Injectable()
export class PgImportSink extends ImportSink {
  constructor(private readonly db: DataSource) {
    super();
  }

  async begin(orgId: OrgId, callListId: string, importId: string): Promise<ImportSession> {
    const pool = pgPoolOf(this.db);
    if (!pool) throw new Error('the import needs the pg pool of the data source');
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const [list] = await tenantQuery<{ had_contacts: boolean }>(
        client,
        orgId,
        `SELECT EXISTS (SELECT 1 FROM contacts c WHERE c.organization_id = $1 AND c.call_list_id = l.id) AS had_contacts
         FROM call_lists l WHERE l.organization_id = $1 AND l.id = $2 FOR NO KEY UPDATE OF l`,
        [callListId],
      );
      if (!list) throw new DomainError('NOT_FOUND', `Call list ${callListId} not found`);
      return new PgImportSession(client, orgId, callListId, importId, list.had_contacts);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      throw error;
    }
  }
}
