import { CopyBody, copyValue, pgText } from './copy-format';

describe('COPY text format', () => {
  it('escapes what COPY reads specially and strips NUL', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(pgText('a\u0000b')).toBe('ab');
  });

  it('writes rows as UTF-8 bytes, growing past its first buffer, the same bytes as the joined string', () => {
    const body = new CopyBody(16);
    const rows = Array.from({ length: 500 }, (_, i) => `${i}\t${copyValue(`Çağrı Işıl ${'ğ'.repeat(i % 7)}`)}\t\\N\n`);
    for (const row of rows) body.row(row);
    expect(body.empty).toBe(false);
    expect(body.bytes().equals(Buffer.from(rows.join(''), 'utf8'))).toBe(true);
    expect(new CopyBody().empty).toBe(true);
  });
});
