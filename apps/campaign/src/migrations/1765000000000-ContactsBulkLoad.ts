import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contacts load in bulk (an import COPYs up to a million into them in one transaction), so they
 * keep only the indexes their reads need: a contact page is ordered by id (uuid v7, in the order
 * contacts were made) on (call_list_id, id), which dispatch already uses; the (created_at, id)
 * index went. The foreign key to call_lists went too: its check ran once per row (a third of an
 * import's insert time) for a list the import has already found and locked, and lists are never
 * deleted.
 */
export class ContactsBulkLoad1765000000000 implements MigrationInterface {
  name = 'ContactsBulkLoad1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX contacts_page_idx`);
    await q.query(`ALTER TABLE contacts DROP CONSTRAINT contacts_call_list_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contacts ADD CONSTRAINT contacts_call_list_id_fkey FOREIGN KEY (call_list_id) REFERENCES call_lists (id) ON DELETE CASCADE`);
    await q.query(`CREATE INDEX contacts_page_idx ON contacts (organization_id, call_list_id, created_at DESC, id DESC)`);
  }
}
