import { CALL_LIST_LIMITS, type ImportRowRejection } from '@santral/contracts';
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
  return { line, phone: null, name: null, timeZone: null, variables: null, onDnc: false, code, reason: reason.slice(0, 300), raw: raw === null ? null : cut(raw) };
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
    return { line: row.line, phone: e164, name: row.name, timeZone, variables: row.variables, onDnc: dnc.has(e164), code: null, reason: null, raw: null };
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

/**
 * The first line of every number of one import, so a later line with it is a duplicate: an
 * open-addressing hash table of the numbers' digits as doubles (E.164 has at most 15: exact) and
 * their lines, in typed arrays — a million numbers in ~24 MB, no object per number for the
 * collector, about ten times faster than a Map keyed by the doubles.
 */
export class FirstLines {
  private keys = new Float64Array(1 << 16);
  private lines = new Int32Array(1 << 16);
  private size = 0;

  /** The earlier line with this number, or undefined: then `line` is its first. */
  claim(e164: string, line: number): number | undefined {
    const key = Number(e164.slice(1));
    const mask = this.keys.length - 1;
    for (let i = FirstLines.hash(key) & mask; ; i = (i + 1) & mask) {
      const k = this.keys[i]!;
      if (k === key) return this.lines[i];
      if (k === 0) {
        this.keys[i] = key;
        this.lines[i] = line;
        if (++this.size * 2 > this.keys.length) this.grow();
        return undefined;
      }
    }
  }

  private static hash(key: number): number {
    const h = Math.imul((key % 4294967296) ^ Math.imul(Math.floor(key / 4294967296), 0x9e3779b1), 0x85ebca6b);
    return (h ^ (h >>> 15)) >>> 0;
  }

  private grow(): void {
    const [keys, lines] = [this.keys, this.lines];
    this.keys = new Float64Array(keys.length * 2);
    this.lines = new Int32Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j]!;
      if (key === 0) continue;
      let i = FirstLines.hash(key) & mask;
      while (this.keys[i] !== 0) i = (i + 1) & mask;
      this.keys[i] = key;
      this.lines[i] = lines[j]!;
    }
  }
}

/**
 * Rejects, in line order, the batch's numbers that the list already held (`inList`) or that an
 * earlier line of the file had (`firstLines`, which learns this batch's numbers).
 */
export function rejectDuplicates(rows: StagedRow[], inList: ReadonlySet<string>, firstLines: FirstLines): void {
  for (const row of rows) {
    if (row.code !== null) continue;
    const phone = row.phone!;
    const first = inList.has(phone) ? null : firstLines.claim(phone, row.line);
    if (first === undefined) continue;
    Object.assign(row, { code: 'DUPLICATE', reason: first === null ? `Duplicate: ${phone} is already in the call list` : `Duplicate: ${phone} is also on line ${first}`, onDnc: false });
  }
}
