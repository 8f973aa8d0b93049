import { CALL_LIST_LIMITS, type ImportRowRejection } from '@santral/contracts';
import { v7 as uuidv7 } from 'uuid';
import type { FileRecord } from './file-records';
import type { ColumnMapping } from './header-mapping';
import type { StagedRow } from './import-job';
import type { NormalizedBatch } from './normalize-batch';

const zones = new Map<string, string | null>();

/** An IANA zone as Intl spells it (`europe/istanbul` → `Europe/Istanbul`), or null. */
export function canonicalTimeZone(value: string): string | null {
  let known = zones.get(value);
  if (known !== undefined) return known;
  try {
    known = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    known = null;
  }
  if (zones.size < 10_000) zones.set(value, known);
  return known;
}

const cut = (value: string) => value.slice(0, CALL_LIST_LIMITS.cellLength);

/** The cells of a record that the mapping names, trimmed; empty cells are absent. */
export interface MappedRecord {
  line: number;
  phone: string;
  name: string | null;
  timeZone: string | null;
  variables: Record<string, string> | null;
}

export function mapRecord(record: FileRecord, mapping: ColumnMapping): MappedRecord {
  const cell = (i: number | null) => (i === null ? '' : (record.cells[i] ?? '').trim());
  let variables: Record<string, string> | null = null;
  for (const { index, key } of mapping.variables) {
    const value = cell(index);
    if (value !== '') (variables ??= {})[key] = cut(value);
  }
  return { line: record.line, phone: cell(mapping.phone), name: cell(mapping.name) ? cut(cell(mapping.name)) : null, timeZone: cell(mapping.timeZone) || null, variables };
}

function rejected(line: number, code: ImportRowRejection, reason: string, raw: string | null): StagedRow {
  return { id: uuidv7(), line, phone: null, name: null, timeZone: null, variables: null, onDnc: false, code, reason: reason.slice(0, 300), raw: raw === null ? null : cut(raw) };
}

/**
 * A batch of records as staging rows: unreadable rows and rows without a number rejected, each
 * number as libs/phone read it (`normalized`, in the order of `toNormalize`), a time zone that
 * is not IANA rejected, DNC numbers flagged. Names are stored as written, formulas included
 * (they are text here; exports escape them).
 */
export function stageRecords(records: FileRecord[], mapping: ColumnMapping, normalized: NormalizedBatch, dnc: ReadonlySet<string>): StagedRow[] {
  let n = 0;
  return records.map((record) => {
    if (record.problem) return rejected(record.line, record.problem.code, record.problem.reason, record.cells.join(' '));
    const row = mapRecord(record, mapping);
    if (row.phone === '') return rejected(row.line, 'MISSING_PHONE', 'No phone number in this row', null);
    const i = n++;
    const e164 = normalized.e164[i];
    if (!e164) return rejected(row.line, normalized.code[i] as ImportRowRejection, normalized.reason[i] ?? 'Invalid phone number format', row.phone);
    let timeZone: string | null = null;
    if (row.timeZone !== null) {
      timeZone = canonicalTimeZone(row.timeZone);
      if (timeZone === null) return rejected(row.line, 'INVALID_TIME_ZONE', `"${row.timeZone}" is not an IANA time zone (Europe/Istanbul)`, row.phone);
    }
    return { id: uuidv7(), line: row.line, phone: e164, name: row.name, timeZone, variables: row.variables, onDnc: dnc.has(e164), code: null, reason: null, raw: null };
  });
}

/** The phone cells of a batch that need reading, in the order `stageRecords` consumes them. */
export function phonesToNormalize(records: FileRecord[], mapping: ColumnMapping): string[] {
  const out: string[] = [];
  for (const record of records) {
    if (record.problem) continue;
    const phone = (record.cells[mapping.phone] ?? '').trim();
    if (phone !== '') out.push(phone);
  }
  return out;
}
