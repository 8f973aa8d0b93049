/** One record (row) of an import file, before its columns are mapped. */
export interface FileRecord {
  /** 1-based; the header is line 1. */
  line: number;
  cells: string[];
  /** Set when the row could not be read as it stands (broken quoting, bytes not in the encoding). */
  problem?: { code: 'MALFORMED_ROW' | 'BAD_ENCODING'; reason: string };
}

/** What a reader learnt about the file once it opened it. */
export interface FileShape {
  format: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
  header: string[];
}

/** Reads a file as batches of records; `shape` is known once the first batch (or the header) was read. */
export interface RecordReader {
  readonly shape: FileShape | null;
  batches(): AsyncGenerator<FileRecord[]>;
}
