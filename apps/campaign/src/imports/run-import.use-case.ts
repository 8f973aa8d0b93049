import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@santral/contracts';
import { asOrgId, type OrgId } from '@santral/persistence';
import { CallListsPort } from '../call-lists/call-lists.port';
import type { FileRecord } from './file-records';
import { mapHeader, type ColumnMapping } from './header-mapping';
import type { ImportJob, StagedRow } from './import-job';
import { ImportLimits } from './import-limits';
import { DncLookup, ImportFiles, ImportJobsPort, ImportSink, type ImportSession } from './imports.port';
import { PhoneNormalizer } from './normalize-pool';
import { openImportFile } from './open-import-file';
import { phonesToNormalize, stageRecords } from './stage-rows';

/** Batches being normalized and checked while the next is parsed. */
const IN_FLIGHT = 3;
const PROGRESS_EVERY = 50_000;

/**
 * Runs one import job, streamed: read → map the header → normalize on the worker pool → DNC flags
 * from the dialer → COPY into staging → one commit (duplicates rejected, contacts stored, job
 * completed). All or nothing: any failure rolls the whole job back, the job says why
 * (its error code) and no contact of it exists. A failed job may be run again.
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
    const inFlight: Array<Promise<StagedRow[]>> = [];
    try {
      const list = await this.lists.find(orgId, job.callListId);
      if (!list) throw new DomainError('NOT_FOUND', `Call list ${job.callListId} not found`);
      const reader = await openImportFile(this.files, job.objectName, list.country, this.limits.xlsxMaxInflatedBytes);
      session = await this.sink.begin(orgId, job.callListId, job.id);
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
        staged.catch(() => undefined); // awaited below, in order; this only keeps it from being "unhandled" meanwhile
        inFlight.push(staged);
        if (inFlight.length >= IN_FLIGHT) await session.write(await inFlight.shift()!);
        if (rowsRead - reported >= PROGRESS_EVERY) {
          reported = rowsRead;
          await this.jobs.progress(orgId, job.id, rowsRead);
        }
      }
      if (!mapping) {
        mapHeader(reader.shape?.header ?? [], job.mapping ?? undefined); // a header without rows: still named if it has no phone column
        if (reader.shape) await this.jobs.opened(orgId, job.id, reader.shape);
      }
      while (inFlight.length > 0) await session.write(await inFlight.shift()!);
      const counts = await session.commit();
      session = null;
      this.logger.log(`import ${job.id}: ${counts.accepted} contacts, ${counts.rejected} rejected (${counts.duplicates} duplicates), ${counts.onDnc} on DNC`);
      await this.files.remove(job.objectName);
    } catch (error) {
      await Promise.allSettled(inFlight);
      await session?.abort();
      const code = error instanceof DomainError ? error.code : 'IMPORT_FILE_UNREADABLE';
      const message = error instanceof DomainError ? (error.detail ?? error.code) : `The import failed: ${(error as Error).message}`;
      if (!(error instanceof DomainError)) this.logger.warn(`import ${job.id} failed: ${(error as Error).stack ?? String(error)}`);
      await this.jobs.fail(orgId, job.id, code, message, rowsRead);
    }
  }

  private async stage(orgId: OrgId, records: FileRecord[], mapping: ColumnMapping, country: string): Promise<StagedRow[]> {
    const normalized = await this.normalizer.normalize(phonesToNormalize(records, mapping), country);
    const valid = [...new Set(normalized.e164.filter((e): e is string => e !== null))];
    const listed = valid.length > 0 ? await this.dnc.listed(orgId, valid) : new Set<string>();
    return stageRecords(records, mapping, normalized, listed);
  }
}
