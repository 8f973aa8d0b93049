/** A value in Postgres COPY text format: NULL as \N, backslash, tab, newline and CR escaped. */
export function copyValue(value: string | null): string {
  if (value === null) return '\\N';
  if (!/[\\\t\n\r]/.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** Strips what Postgres text cannot hold (NUL). */
export function pgText(value: string): string {
  return value.includes('\u0000') ? value.replace(/\u0000/g, '') : value;
}

/**
 * A COPY text body written row by row straight into bytes. Joining the rows into one string and
 * encoding that took three times as long: one Turkish name makes the whole body a two-byte string,
 * which is then flattened and re-encoded (measured: 2.8 s → 0.83 s per million contact rows).
 */
export class CopyBody {
  private buf: Buffer;
  private at = 0;

  constructor(initialBytes = 1 << 16) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  get empty(): boolean {
    return this.at === 0;
  }

  /** One row, its values already COPY-formatted (copyValue), newline included. */
  row(text: string): void {
    const most = text.length * 3;
    if (this.at + most > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + most));
      this.buf.copy(bigger, 0, 0, this.at);
      this.buf = bigger;
    }
    this.at += this.buf.write(text, this.at, 'utf8');
  }

  bytes(): Buffer {
    return this.buf.subarray(0, this.at);
  }
}
