import { CALL_LIST_LIMITS, DomainError } from '@santral/contracts';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { FileRecord, FileShape, RecordReader } from './file-records';
import { detectDelimiter, detectEncoding } from './text-detection';

/** Bytes looked at to detect the encoding. */
const SNIFF_BYTES = 64 * 1024;
/** A record still open after this many characters is broken quoting: it is cut at its first line end. */
const MAX_RECORD_CHARS = 64 * 1024;

interface Decoder {
  first: string;
  write(bytes: Buffer): string;
  end(): string | undefined;
}

/**
 * CSV/TSV as records, streamed: the encoding is detected on the first chunk, the delimiter on the
 * header line; text is cut at record ends (a newline outside quotes) and each piece parsed with
 * PapaParse in one synchronous call (the fastest of the parsers measured, see bench/import.ts).
 * A quote left open does not swallow the file: past MAX_RECORD_CHARS the record is reported as
 * MALFORMED_ROW up to its first line end and reading goes on from there.
 */
export class CsvReader implements RecordReader {
  shape: FileShape | null = null;
  private carry = '';
  private scanned = 0;
  private inQuotes = false;
  private line = 0;
  private delimiter: string | null = null;

  constructor(
    private readonly source: AsyncIterable<Uint8Array>,
    private readonly country: string,
  ) {}

  async *batches(): AsyncGenerator<FileRecord[]> {
    let sniffed: Buffer[] = [];
    let sniffedBytes = 0;
    let decoder: Decoder | null = null;
    for await (const chunk of this.source) {
      if (decoder) {
        yield* this.take(decoder.write(Buffer.from(chunk)), false);
        continue;
      }
      sniffed.push(Buffer.from(chunk));
      sniffedBytes += chunk.length;
      if (sniffedBytes < SNIFF_BYTES) continue;
      decoder = this.open(Buffer.concat(sniffed));
      yield* this.take(decoder.first, false);
      sniffed = [];
    }
    if (!decoder) {
      decoder = this.open(Buffer.concat(sniffed));
      yield* this.take(decoder.first, false);
    }
    yield* this.take(decoder.end() ?? '', true);
  }

  /** Detects the encoding; the decoder has already decoded the first bytes (BOM skipped) into `first`. */
  private open(first: Buffer): Decoder {
    const { encoding, bom } = detectEncoding(first.subarray(0, SNIFF_BYTES), this.country);
    const decoder = iconv.getDecoder(encoding, { stripBOM: true });
    this.shape = { format: 'csv', encoding, delimiter: null, header: [] };
    return { first: decoder.write(first.subarray(bom)), write: (b) => decoder.write(b), end: () => decoder.end() };
  }

  private *take(text: string, final: boolean): Generator<FileRecord[]> {
    this.carry += text;
    for (;;) {
      const cut = final ? this.carry.length : this.lastRecordEnd();
      if (cut > 0) {
        const piece = this.carry.slice(0, cut);
        this.carry = this.carry.slice(cut);
        this.scanned = 0;
        const records = this.parse(piece);
        if (records.length > 0) yield records;
      }
      if (final || this.carry.length <= MAX_RECORD_CHARS) return;
      yield [this.brokenRecord()];
    }
  }

  /** Index just past the last newline outside quotes in `carry` (0: none), scanning only what was not scanned yet. */
  private lastRecordEnd(): number {
    const s = this.carry;
    let last = -1;
    let inQuotes = this.inQuotes;
    for (let i = this.scanned; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 34) inQuotes = !inQuotes;
      else if (c === 10 && !inQuotes) last = i;
    }
    if (last < 0) {
      this.scanned = s.length;
      this.inQuotes = inQuotes;
      return 0;
    }
    // Quote state after the cut is recomputed from the cut on the next scan.
    this.inQuotes = false;
    return last + 1;
  }

  /** The open record up to its first line end, as MALFORMED_ROW; reading resumes after it, outside quotes. */
  private brokenRecord(): FileRecord {
    const end = this.carry.indexOf('\n');
    const raw = end < 0 ? this.carry : this.carry.slice(0, end);
    this.carry = end < 0 ? '' : this.carry.slice(end + 1);
    this.scanned = 0;
    this.inQuotes = false;
    this.line++;
    return { line: this.line, cells: [raw.slice(0, CALL_LIST_LIMITS.cellLength)], problem: { code: 'MALFORMED_ROW', reason: 'A quoted field is never closed (broken quoting)' } };
  }

  private parse(piece: string): FileRecord[] {
    if (piece.length === 0) return [];
    const text = piece.endsWith('\r\n') ? piece.slice(0, -2) : piece.endsWith('\n') ? piece.slice(0, -1) : piece;
    if (this.delimiter === null) {
      const header = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length);
      this.delimiter = detectDelimiter(header);
      this.shape!.delimiter = this.delimiter;
    }
    const parsed = Papa.parse<string[]>(text, { delimiter: this.delimiter, newline: text.includes('\r\n') ? '\r\n' : '\n' });
    const broken = new Map<number, string>();
    for (const e of parsed.errors) if (e.row !== undefined && e.type === 'Quotes') broken.set(e.row, e.message);
    const out: FileRecord[] = [];
    parsed.data.forEach((cells, i) => {
      this.line++;
      if (this.shape!.header.length === 0 && this.line === 1) {
        this.shape!.header = cells.map((c) => c.trim());
        if (this.shape!.header.every((h) => h === '')) throw new DomainError('IMPORT_NO_PHONE_COLUMN', 'The file has no header row');
        return;
      }
      if (cells.length === 1 && cells[0]!.trim() === '') return; // empty line
      const problem = broken.has(i)
        ? { code: 'MALFORMED_ROW' as const, reason: `Broken quoting: ${broken.get(i)}` }
        : cells.some((c) => c.includes('\uFFFD'))
          ? { code: 'BAD_ENCODING' as const, reason: `Bytes that are not ${this.shape!.encoding} (mixed encodings in one file)` }
          : undefined;
      out.push(problem ? { line: this.line, cells, problem } : { line: this.line, cells });
    });
    return out;
  }
}
