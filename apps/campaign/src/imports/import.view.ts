import type { ImportJobReply } from '@santral/contracts';
import type { ImportJob } from './import-job';

export function toImportJobReply(j: ImportJob): ImportJobReply {
  return {
    id: j.id, callListId: j.callListId, state: j.state, fileName: j.fileName, format: j.format, encoding: j.encoding, delimiter: j.delimiter,
    rowsRead: j.rowsRead, accepted: j.accepted, rejected: j.rejected, duplicates: j.duplicates, onDnc: j.onDnc,
    errorCode: j.errorCode, errorMessage: j.errorMessage, createdAt: j.createdAt.toISOString(), finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}
