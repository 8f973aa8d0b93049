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
