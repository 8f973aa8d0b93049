import iconv from 'iconv-lite';
import { detectDelimiter, detectEncoding } from './text-detection';

describe('encoding detection (first chunk)', () => {
  const text = 'Ad Soyad;Telefon\nŞükrü Ağaoğlu;0555 123 45 67\nIşıl Çiğdem;0532 000 00 01\n';

  it.each([
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), { encoding: 'utf-8', bom: 3 }],
    ['UTF-8 without one', Buffer.from(text), { encoding: 'utf-8', bom: 0 }],
    ['UTF-16 LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]), { encoding: 'utf-16le', bom: 2 }],
    ['UTF-16 BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]), { encoding: 'utf-16be', bom: 2 }],
    ['UTF-16 LE without one', iconv.encode(text, 'utf-16le'), { encoding: 'utf-16le', bom: 0 }],
    ['Windows-1254 (Turkish Excel)', iconv.encode(text, 'windows-1254'), { encoding: 'windows-1254', bom: 0 }],
  ])('%s', (_what, bytes, expected) => {
    expect(detectEncoding(bytes, 'TR')).toEqual(expected);
  });

  it('reads an ASCII-only file as UTF-8, and a UTF-8 chunk cut inside a character still as UTF-8', () => {
    expect(detectEncoding(Buffer.from('phone\n+905551234567\n'), 'TR').encoding).toBe('utf-8');
    const cut = Buffer.from('isim\nŞ');
    expect(detectEncoding(cut.subarray(0, cut.length - 1), 'TR').encoding).toBe('utf-8');
  });

  it('reads a Latin file as Windows-1252 outside Turkey', () => {
    expect(detectEncoding(iconv.encode('name;phone\nJosé Müller;020 7946 0958\nFrançois;020 7946 0959\n', 'windows-1252'), 'GB').encoding).toBe('windows-1252');
  });
});

describe('delimiter detection (header line)', () => {
  it.each([
    ['phone,name,city', ','],
    ['telefon;ad soyad;şehir', ';'],
    ['telefon\tad', '\t'],
    ['"Ad, Soyad";Telefon', ';'],
    ['phone', ','],
    ['a;b,c;d', ';'],
  ])('%j → %j', (line, delimiter) => {
    expect(detectDelimiter(line)).toBe(delimiter);
  });
});
