/** A cell a spreadsheet would run as a formula (OWASP CSV injection: `=`, `+`, `-`, `@`, and tab/CR). */
export function isFormulaLike(value: string): boolean {
  return /^[=+\-@\t\r]/.test(value);
}

/**
 * A value as it must be written into an exported CSV/XLSX cell: formula-looking text gets a
 * leading `'` so the spreadsheet shows it as text. Stored values are never changed (a name
 * "=Ayşe" stays "=Ayşe" in the database and the JSON API).
 */
export function escapeSpreadsheetCell(value: string): string {
  return isFormulaLike(value) ? `'${value}` : value;
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or edge spaces. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * One exported CSV line, CRLF-terminated: every free-text cell escaped against formula
 * injection, then quoted as CSV needs. `raw` cells (validated values such as an E.164 number,
 * which is `+` and digits only and cannot carry a formula) are quoted but not escaped.
 */
export function csvLine(cells: Array<string | { raw: string }>): string {
  return `${cells.map((c) => csvField(typeof c === 'string' ? escapeSpreadsheetCell(c) : c.raw)).join(',')}\r\n`;
}
