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
