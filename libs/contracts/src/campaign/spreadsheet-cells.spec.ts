import { csvLine, escapeSpreadsheetCell, isFormulaLike } from './spreadsheet-cells';

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

describe('csvLine', () => {
  it('escapes formula-looking free text, quotes what CSV needs, leaves raw cells unescaped', () => {
    expect(csvLine([{ raw: '+905551230005' }, '=1+2', 'Kaya, Ayşe', 'say "hi"', 'two\nlines', ' padded', 'plain'])).toBe(
      `+905551230005,'=1+2,"Kaya, Ayşe","say ""hi""","two\nlines"," padded",plain\r\n`,
    );
  });

  it('an empty line of empty cells is still one line', () => {
    expect(csvLine(['', ''])).toBe(',\r\n');
  });
});
