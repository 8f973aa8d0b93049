import type { ImportMappingV1, ImportRowRejection, ImportState } from '@santral/contracts';

export interface ImportJob {
  id: string;
  organizationId: string;
  callListId: string;
  objectName: string;
  fileName: string;
  mapping: ImportMappingV1 | null;
  state: ImportState;
  format: string | null;
  encoding: string | null;
  delimiter: string | null;
  rowsRead: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  onDnc: number;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** One row of the file on its way into the call list: a contact to be (`code` null), or a rejection. */
export interface StagedRow {
  line: number;
  phone: string | null;
  name: string | null;
  timeZone: string | null;
  variables: Record<string, string> | null;
  onDnc: boolean;
  code: ImportRowRejection | null;
  reason: string | null;
  raw: string | null;
}

export interface ImportCounts {
  rowsRead: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  onDnc: number;
}

export interface RejectedRow {
  line: number;
  code: ImportRowRejection;
  reason: string;
  raw: string | null;
}
