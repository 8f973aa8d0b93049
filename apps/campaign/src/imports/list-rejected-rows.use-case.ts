import { Injectable } from '@nestjs/common';
import { DomainError, type ImportRejectedRowsReply, type ImportRejectedRowsRequest } from '@santral/contracts';
import { asOrgId, DEFAULT_PAGE_SIZE } from '@santral/persistence';
import { ImportJobsPort } from './imports.port';

/** Rejected rows are read in line order, so their cursor is the last line of the page. */
export function encodeLineCursor(line: number): string {
  return Buffer.from(JSON.stringify({ line })).toString('base64url');
}

export function decodeLineCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const line = (parsed as { line?: unknown } | null)?.line;
    if (typeof line === 'number' && Number.isInteger(line) && line >= 1 && line <= 100_000_000) return line;
  } catch {
    /* not ours */
  }
  throw new DomainError('INVALID_CURSOR', 'The cursor is not one this API returned', { errors: [{ field: 'cursor', message: 'cursor is not valid' }] });
}

/** The rows an import did not take, with line, reason code and the value as written. */
@Injectable()
export class ListRejectedRowsUseCase {
  constructor(private readonly jobs: ImportJobsPort) {}

  async execute(input: ImportRejectedRowsRequest): Promise<ImportRejectedRowsReply> {
    const orgId = asOrgId(input.organizationId);
    const after = decodeLineCursor(input.cursor);
    const importId = input.importId.toLowerCase();
    if (!(await this.jobs.find(orgId, importId))) throw new DomainError('NOT_FOUND', `Import ${input.importId} not found`);
    const limit = input.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.jobs.rejectedRows(orgId, importId, after, limit + 1);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeLineCursor(last.line) : null };
  }
}
