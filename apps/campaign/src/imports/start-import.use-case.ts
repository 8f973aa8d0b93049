import { Injectable } from '@nestjs/common';
import { DomainError, type ImportJobReply, type ImportStartRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { Clock } from '@santral/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { CallListsPort } from '../call-lists/call-lists.port';
import type { ImportJob } from './import-job';
import { ImportQueue } from './import-runner';
import { toImportJobReply } from './import.view';
import { ImportJobsPort } from './imports.port';

/** Accepts an uploaded file for a call list: the job is stored `queued` and runs in the background (202). */
@Injectable()
export class StartImportUseCase {
  constructor(
    private readonly lists: CallListsPort,
    private readonly jobs: ImportJobsPort,
    private readonly queue: ImportQueue,
    private readonly clock: Clock,
  ) {}

  async execute(input: ImportStartRequest): Promise<ImportJobReply> {
    const orgId = asOrgId(input.organizationId);
    const callListId = input.callListId.toLowerCase();
    if (!(await this.lists.find(orgId, callListId))) throw new DomainError('NOT_FOUND', `Call list ${input.callListId} not found`);
    const job: ImportJob = {
      id: uuidv7(), organizationId: orgId, callListId, objectName: input.objectName, fileName: input.fileName, mapping: input.mapping ?? null, state: 'queued',
      format: null, encoding: null, delimiter: null, rowsRead: 0, accepted: 0, rejected: 0, duplicates: 0, onDnc: 0, errorCode: null, errorMessage: null,
      createdAt: this.clock.now(), finishedAt: null,
    };
    await this.jobs.insert(job);
    this.queue.enqueue(job);
    return toImportJobReply(job);
  }
}
