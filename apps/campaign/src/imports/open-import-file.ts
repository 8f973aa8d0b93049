import { DomainError } from '@santral/contracts';
import { CsvReader } from './csv-reader';
import type { RecordReader } from './file-records';
import type { ImportFiles } from './imports.port';
import { assertInflatedSizeWithin, looksLikeZip, XlsxReader } from './xlsx-reader';

/** The first chunk again, then the rest: the format is sniffed without reading the file twice. */
async function peek(source: AsyncIterable<Uint8Array>): Promise<{ first: Uint8Array; all: AsyncIterable<Uint8Array> }> {
  const it = source[Symbol.asyncIterator]();
  const head = await it.next();
  const first = head.done ? new Uint8Array(0) : head.value;
  return {
    first,
    all: {
      async *[Symbol.asyncIterator]() {
        if (!head.done) yield first;
        for (;;) {
          const next = await it.next();
          if (next.done) return;
          yield next.value;
        }
      },
    },
  };
}

/**
 * A reader for the uploaded file: XLSX when it is a ZIP (after the zip-bomb pass over a second
 * read of it), the legacy binary .xls refused with IMPORT_UNSUPPORTED_FORMAT, anything else as CSV.
 */
export async function openImportFile(files: ImportFiles, objectName: string, country: string, xlsxMaxInflatedBytes: number): Promise<RecordReader> {
  const { first, all } = await peek(await files.open(objectName));
  if (looksLikeZip(first)) {
    await assertInflatedSizeWithin(all, xlsxMaxInflatedBytes);
    return new XlsxReader(await files.open(objectName));
  }
  if (first[0] === 0xd0 && first[1] === 0xcf && first[2] === 0x11 && first[3] === 0xe0) {
    throw new DomainError('IMPORT_UNSUPPORTED_FORMAT', 'Legacy .xls (Excel 97–2003) is not supported: save it as .xlsx or CSV');
  }
  return new CsvReader(all, country);
}
