import { Injectable } from '@nestjs/common';
import { DomainError, type ImportJobReply, type ImportRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { toImportJobReply } from './import.view';
import { ImportJobsPort } from './imports.port';

/** An import job's state and counts; another organization's job is NOT_FOUND. */
@Injectable()
export class GetImportUseCase {
  constructor(private readonly jobs: ImportJobsPort) {}

  async execute(input: ImportRequest): Promise<ImportJobReply> {
    const job = await this.jobs.find(asOrgId(input.organizationId), input.importId.toLowerCase());
    if (!job) throw new DomainError('NOT_FOUND', `Import ${input.importId} not found`);
    return toImportJobReply(job);
  }
}
