import type { PhoneResult } from '@santral/phone';

export interface NormalizeTask {
  id: number;
  inputs: string[];
  country: string;
}

/** Per input: `e164` set, or `code` + `reason` (libs/phone's). Arrays, so a batch crosses threads cheaply. */
export interface NormalizedBatch {
  id: number;
  e164: Array<string | null>;
  code: Array<string | null>;
  reason: Array<string | null>;
}

export function normalizeBatch(task: NormalizeTask, normalizeMany: (inputs: readonly string[], country?: string) => PhoneResult[]): NormalizedBatch {
  const results = normalizeMany(task.inputs, task.country);
  const out: NormalizedBatch = { id: task.id, e164: new Array(results.length), code: new Array(results.length), reason: new Array(results.length) };
  results.forEach((r, i) => {
    out.e164[i] = r.ok ? r.e164 : null;
    out.code[i] = r.ok ? null : r.code;
    out.reason[i] = r.ok ? null : r.reason;
  });
  return out;
}
