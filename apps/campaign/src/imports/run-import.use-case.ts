import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@santral/contracts';
import { asOrgId, type OrgId } from '@santral/persistence';
import { CallListsPort } from '../call-lists/call-lists.port';
import type { FileRecord } from './file-records';
import { mapHeader, type ColumnMapping } from './header-mapping';
import type { ImportCounts, ImportJob, StagedRow } from './import-job';
import { ImportLimits } from './import-limits';
import { DncLookup, ImportFiles, ImportJobsPort, ImportSink, type ImportSession } from './imports.port';
import { PhoneNormalizer } from './normalize-pool';
import { openImportFile } from './open-import-file';
import { FirstLines, phonesToNormalize, rejectDuplicates, stageRecords } from './stage-rows';

/** Batches being normalized, checked or stored while the next is parsed. */
const IN_FLIGHT = 3;
const ignore = () => undefined;
const PROGRESS_EVERY = 50_000;

/**
 * Runs one import job, streamed: read → map the header → normalize on the worker pool → DNC flags
 * from the dialer → duplicates rejected in line order → COPY into the list, batch by batch, while
 * the next batches are parsed → one commit. All or nothing: the batches are stored in one
 * transaction, any failure rolls the whole job back, the job says why (its error code) and no
 * contact of it exists. A failed job may be run again.
 */
@Injectable()
export class RunImportUseCase {
  private readonly logger = new Logger(RunImportUseCase.name);

  constructor(
    private readonly jobs: ImportJobsPort,
    private readonly lists: CallListsPort,
    private readonly files: ImportFiles,
    private readonly sink: ImportSink,
    private readonly dnc: DncLookup,
    private readonly normalizer: PhoneNormalizer,
    private readonly limits: ImportLimits,
  ) {}

  async execute(job: ImportJob): Promise<void> {
    const orgId = asOrgId(job.organizationId);
    if (!(await this.jobs.claim(orgId, job.id))) return;
    let rowsRead = 0;
    let session: ImportSession | null = null;
    /** Each batch staged (in parallel), then checked for duplicates and stored (in order, one after the other). */
    const inFlight: Array<Promise<void>> = [];
    let stored: Promise<void> = Promise.resolve();
    try {
      const list = await this.lists.find(orgId, job.callListId);
      if (!list) throw new DomainError('NOT_FOUND', `Call list ${job.callListId} not found`);
      const reader = await openImportFile(this.files, job.objectName, list.country, this.limits.xlsxMaxInflatedBytes);
      session = await this.heartbeatWhile(orgId, job.id, this.sink.begin(orgId, job.callListId, job.id));
      const open = session;
      const firstLines = new FirstLines();
      const counts: ImportCounts = { rowsRead: 0, accepted: 0, rejected: 0, duplicates: 0, onDnc: 0 };
      let mapping: ColumnMapping | null = null;
      let reported = 0;
      for await (const records of reader.batches()) {
        if (!mapping) {
          mapping = mapHeader(reader.shape!.header, job.mapping ?? undefined);
          await this.jobs.opened(orgId, job.id, reader.shape!);
        }
        rowsRead += records.length;
        if (rowsRead > this.limits.maxRows) throw new DomainError('IMPORT_FILE_TOO_LARGE', `More than ${this.limits.maxRows} rows in one file; split it`);
        const staged = this.stage(orgId, records, mapping, list.country);
        staged.catch(ignore); // awaited in its turn below; this only keeps it from being "unhandled" meanwhile
        stored = stored.then(async () => this.store(open, await staged, firstLines, counts));
        stored.catch(ignore); // a failed batch fails every later one and the job, through `inFlight`
        inFlight.push(stored);
        if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
        if (rowsRead - reported >= PROGRESS_EVERY) {
          reported = rowsRead;
          await this.jobs.progress(orgId, job.id, rowsRead);
        }
      }
      if (!mapping) {
        mapHeader(reader.shape?.header ?? [], job.mapping ?? undefined); // a header without rows: still named if it has no phone column
        if (reader.shape) await this.jobs.opened(orgId, job.id, reader.shape);
      }
      await stored;
      await session.commit(counts);
      session = null;
      this.logger.log(`import ${job.id}: ${counts.accepted} contacts, ${counts.rejected} rejected (${counts.duplicates} duplicates), ${counts.onDnc} on DNC`);
      await this.files.remove(job.objectName);
    } catch (error) {
      await Promise.allSettled([...inFlight, stored]);
      await session?.abort();
      const code = error instanceof DomainError ? error.code : 'IMPORT_FILE_UNREADABLE';
      const message = error instanceof DomainError ? (error.detail ?? error.code) : `The import failed: ${(error as Error).message}`;
      if (!(error instanceof DomainError)) this.logger.warn(`import ${job.id} failed: ${(error as Error).stack ?? String(error)}`);
      await this.jobs.fail(orgId, job.id, code, message, rowsRead);
    }
  }

  /**
   * Says the job is alive while it waits (for its call list, behind another import into it), so
   * the recovery sweep does not take it for dead and run it a second time.
   */
  private async heartbeatWhile<T>(orgId: OrgId, id: string, waiting: Promise<T>): Promise<T> {
    const timer = setInterval(() => void this.jobs.progress(orgId, id, 0).catch(ignore), this.limits.heartbeatMs);
    try {
      return await waiting;
    } finally {
      clearInterval(timer);
    }
  }

  /** In line order: duplicates rejected against the list and the earlier lines, counted, stored. */
  private async store(session: ImportSession, rows: StagedRow[], firstLines: FirstLines, counts: ImportCounts): Promise<void> {
    const numbers: string[] = [];
    for (const row of rows) if (row.code === null) numbers.push(row.phone!);
    rejectDuplicates(rows, await session.inList(numbers), firstLines);
    for (const row of rows) {
      counts.rowsRead++;
      if (row.code === null) {
        counts.accepted++;
        if (row.onDnc) counts.onDnc++;
      } else {
        counts.rejected++;
        if (row.code === 'DUPLICATE') counts.duplicates++;
      }
    }
    await session.write(rows);
  }

  private async stage(orgId: OrgId, records: FileRecord[], mapping: ColumnMapping, country: string): Promise<StagedRow[]> {
    const normalized = await this.normalizer.normalize(phonesToNormalize(records, mapping), country);
    const valid = [...new Set(normalized.e164.filter((e): e is string => e !== null))];
    const listed = valid.length > 0 ? await this.dnc.listed(orgId, valid) : new Set<string>();
    return stageRecords(records, mapping, normalized, listed);
  }
}
