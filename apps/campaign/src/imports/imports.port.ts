import type { OrgId } from '@santral/persistence';
import type { FileShape } from './file-records';
import type { ImportCounts, ImportJob, RejectedRow, StagedRow } from './import-job';

/** Port: the uploaded files (the gateway put them there); each `open` reads the file from its start. */
export abstract class ImportFiles {
  abstract open(objectName: string): Promise<AsyncIterable<Uint8Array>>;
  abstract remove(objectName: string): Promise<void>;
}

/** Port: the dialer's do-not-call list, asked in bulk (≤ 5,000 numbers a call). */
export abstract class DncLookup {
  abstract listed(orgId: OrgId, e164: string[]): Promise<Set<string>>;
}

/** Port: import jobs and their rejected rows. */
export abstract class ImportJobsPort {
  abstract insert(job: ImportJob): Promise<void>;
  abstract find(orgId: OrgId, id: string): Promise<ImportJob | null>;
  /** Takes a queued job (or, re-run, a failed one); false when another run holds it. */
  abstract claim(orgId: OrgId, id: string): Promise<boolean>;
  /** Platform sweep: jobs whose process died — queued and never started, or running without a heartbeat — for any replica to run again. */
  abstract orphaned(limit: number): Promise<ImportJob[]>;
  abstract opened(orgId: OrgId, id: string, shape: FileShape): Promise<void>;
  abstract progress(orgId: OrgId, id: string, rowsRead: number): Promise<void>;
  abstract fail(orgId: OrgId, id: string, code: string, message: string, rowsRead: number): Promise<void>;
  /** In line order, after `afterLine`. */
  abstract rejectedRows(orgId: OrgId, id: string, afterLine: number, limit: number): Promise<RejectedRow[]>;
}

/**
 * One all-or-nothing import, in one transaction that holds the call list: batches are stored as
 * they come (contacts and rejected rows), and nothing of them exists for anyone else until `commit`.
 */
export interface ImportSession {
  /** Of these numbers, those the list held before this import began (none when it was empty then). */
  inList(e164: string[]): Promise<Set<string>>;
  /** Stores a batch whose duplicates are already rejected: its contacts and its rejected rows. */
  write(rows: StagedRow[]): Promise<void>;
  /** Completes the job with its counts and commits. */
  commit(counts: ImportCounts): Promise<void>;
  abort(): Promise<void>;
}

export abstract class ImportSink {
  abstract begin(orgId: OrgId, callListId: string, importId: string): Promise<ImportSession>;
}
