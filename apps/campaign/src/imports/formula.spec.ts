import { escapeSpreadsheetCell, isFormulaLike } from './formula';

describe('formula injection', () => {
  it.each([
    ['=HYPERLINK("http://evil")', "'=HYPERLINK(\"http://evil\")"],
    ['+90 555', "'+90 555"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['Ayşe', 'Ayşe'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('exports %j as %j', (value, exported) => {
    expect(escapeSpreadsheetCell(value)).toBe(exported);
    expect(isFormulaLike(value)).toBe(exported !== value);
  });
});
