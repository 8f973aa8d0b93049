import { BinaryCopyBody, CopyBody, copyValue, pgText } from './copy-format';

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

  it('writes binary COPY: signature, flags, rows of length-prefixed fields (NULL as -1, text UTF-8 without NUL, jsonb with its version), the trailer', () => {
    const body = new BinaryCopyBody(8);
    expect(body.empty).toBe(true);
    body.row(5).raw(BinaryCopyBody.uuidField('01a23508-9cbe-714c-af03-2dea0f3ea6d6')).int4(7).text('Ş\u0000a').text(null).jsonb('{}');
    body.row(1).bool(true);
    const b = body.bytes();
    expect(b.subarray(0, 11).equals(Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]))).toBe(true);
    let at = 19; // signature, flags, extension length
    const int16 = () => ((at += 2), b.readInt16BE(at - 2));
    const field = () => {
      const n = b.readInt32BE(at);
      at += 4;
      if (n < 0) return null;
      at += n;
      return b.subarray(at - n, at);
    };
    expect(int16()).toBe(5);
    expect(field()!.toString('hex')).toBe('01a235089cbe714caf032dea0f3ea6d6');
    expect(field()!.readInt32BE(0)).toBe(7);
    expect(field()!.toString('utf8')).toBe('Şa');
    expect(field()).toBeNull();
    expect([...field()!]).toEqual([1, 0x7b, 0x7d]);
    expect(int16()).toBe(1);
    expect([...field()!]).toEqual([1]);
    expect(int16()).toBe(-1);
    expect(at).toBe(b.length);
  });
});
