import { Readable } from 'node:stream';
import { CALL_LIST_LIMITS, DomainError } from '@santral/contracts';
import ExcelJS from 'exceljs';
import * as unzipper from 'unzipper';
import type { FileRecord, FileShape, RecordReader } from './file-records';

/** A ZIP (XLSX) file starts with a local file header. */
export function looksLikeZip(first: Uint8Array): boolean {
  return first[0] === 0x50 && first[1] === 0x4b && first[2] === 0x03 && first[3] === 0x04;
}

/**
 * Zip-bomb guard, a first pass over the file: inflates every entry, counting, and refuses past
 * `maxInflatedBytes` with IMPORT_FILE_TOO_LARGE before exceljs (which keeps shared strings in
 * memory) sees a byte. Nothing is kept: each chunk is dropped once counted.
 */
export async function assertInflatedSizeWithin(source: AsyncIterable<Uint8Array>, maxInflatedBytes: number): Promise<void> {
  let total = 0;
  const entries = Readable.from(source).pipe(unzipper.Parse({ forceStream: true }));
  try {
    for await (const entry of entries as AsyncIterable<unzipper.Entry>) {
      for await (const chunk of entry as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > maxInflatedBytes) {
          throw new DomainError('IMPORT_FILE_TOO_LARGE', `The XLSX inflates to more than ${Math.round(maxInflatedBytes / 1048576)} MiB (a zip bomb?)`);
        }
      }
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('IMPORT_FILE_UNREADABLE', `Not a readable XLSX: ${(error as Error).message}`);
  } finally {
    (entries as unknown as Readable).destroy();
  }
}

type CellValue = ExcelJS.CellValue;

/** A cell as text: numbers as written (a phone typed as a number loses nothing), rich text joined, a formula's result. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: CellValue }).result ?? null);
  if ('text' in value) return String((value as { text: unknown }).text);
  if ('error' in value) return '';
  return '';
}

const BATCH = 5000;

/** The first worksheet of an XLSX through exceljs's streaming reader; row 1 is the header. */
export class XlsxReader implements RecordReader {
  shape: FileShape | null = null;

  constructor(private readonly source: AsyncIterable<Uint8Array>) {}

  async *batches(): AsyncGenerator<FileRecord[]> {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(this.source), {
      worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore',
    });
    this.shape = { format: 'xlsx', encoding: null, delimiter: null, header: [] };
    let batch: FileRecord[] = [];
    try {
      for await (const sheet of reader) {
        for await (const row of sheet) {
          const values = (row.values as CellValue[]).slice(1);
          const cells = values.map((v) => cellText(v).slice(0, CALL_LIST_LIMITS.cellLength * 2));
          if (row.number === 1) {
            this.shape.header = cells.map((c) => c.trim());
            continue;
          }
          if (cells.every((c) => c.trim() === '')) continue;
          batch.push({ line: row.number, cells });
          if (batch.length >= BATCH) {
            yield batch;
            batch = [];
          }
        }
        break; // the first worksheet only
      }
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw new DomainError('IMPORT_FILE_UNREADABLE', `Not a readable XLSX: ${(error as Error).message}`);
    }
    if (batch.length > 0) yield batch;
  }
}
