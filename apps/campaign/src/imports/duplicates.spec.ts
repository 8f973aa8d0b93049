import type { StagedRow } from './import-job';
import { FirstLines, rejectDuplicates } from './stage-rows';

const row = (line: number, phone: string | null, onDnc = false): StagedRow => ({ line, phone, name: null, timeZone: null, variables: null, onDnc, code: phone ? null : 'INVALID_PHONE_NUMBER', reason: phone ? null : 'bad', raw: null });

describe('duplicates of an import', () => {
  it('keeps the first line of a number, across batches, and names it in the later lines', () => {
    const first = new FirstLines();
    const a = [row(2, '+905551234567'), row(3, null), row(4, '+905551234568')];
    const b = [row(5, '+905551234568'), row(6, '+905551234567', true), row(7, '+905551234569')];
    rejectDuplicates(a, new Set(), first);
    rejectDuplicates(b, new Set(), first);
    expect([...a, ...b].map((r) => [r.line, r.code, r.reason])).toEqual([
      [2, null, null],
      [3, 'INVALID_PHONE_NUMBER', 'bad'],
      [4, null, null],
      [5, 'DUPLICATE', 'Duplicate: +905551234568 is also on line 4'],
      [6, 'DUPLICATE', 'Duplicate: +905551234567 is also on line 2'],
      [7, null, null],
    ]);
    expect(b[1]!.onDnc).toBe(false); // a rejected row is not counted on DNC
  });

  it('rejects a number the list already held, and does not let it count as a first line', () => {
    const first = new FirstLines();
    const rows = [row(2, '+905551234567'), row(3, '+905551234567')];
    rejectDuplicates(rows, new Set(['+905551234567']), first);
    expect(rows.map((r) => r.reason)).toEqual(['Duplicate: +905551234567 is already in the call list', 'Duplicate: +905551234567 is already in the call list']);
  });

  it('tells apart numbers that differ only past the first digits (15-digit numbers are exact keys)', () => {
    const first = new FirstLines();
    expect(first.claim('+999999999999998', 2)).toBeUndefined();
    expect(first.claim('+999999999999999', 3)).toBeUndefined();
    expect(first.claim('+999999999999999', 4)).toBe(3);
  });

  it('holds a hundred thousand numbers through its growth, each with its first line', () => {
    const first = new FirstLines();
    const n = (i: number) => `+90555${String(i * 7).padStart(7, '0')}`;
    let seenBefore = 0;
    for (let i = 0; i < 100_000; i++) if (first.claim(n(i), i + 2) !== undefined) seenBefore++;
    expect(seenBefore).toBe(0);
    const lines: Array<number | undefined> = [];
    for (let i = 0; i < 100_000; i += 9973) lines.push(first.claim(n(i), 1_000_000));
    expect(lines).toEqual(Array.from({ length: 11 }, (_, k) => k * 9973 + 2));
  });
});
