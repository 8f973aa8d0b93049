import iconv from 'iconv-lite';
import { CsvReader } from './csv-reader';
import type { FileRecord } from './file-records';

async function read(chunks: Array<Buffer | string>, country = 'TR'): Promise<{ reader: CsvReader; records: FileRecord[] }> {
  const reader = new CsvReader((async function* () {
    for (const c of chunks) yield typeof c === 'string' ? Buffer.from(c) : c;
  })(), country);
  const records: FileRecord[] = [];
  for await (const batch of reader.batches()) records.push(...batch);
  return { reader, records };
}

describe('the CSV reader', () => {
  it('reads the header, skips empty lines, keeps line numbers, handles CRLF and quotes with the delimiter inside', async () => {
    const { reader, records } = await read(['telefon;ad\r\n0555 111 11 11;"Yılmaz; Ayşe"\r\n\r\n0555 111 11 12;"Ve ""Can"""\r\n']);
    expect(reader.shape).toEqual({ format: 'csv', encoding: 'utf-8', delimiter: ';', header: ['telefon', 'ad'] });
    expect(records).toEqual([
      { line: 2, cells: ['0555 111 11 11', 'Yılmaz; Ayşe'] },
      { line: 4, cells: ['0555 111 11 12', 'Ve "Can"'] },
    ]);
  });

  it('joins records cut across chunks, also inside a quoted field and inside a multi-byte character', async () => {
    const bytes = iconv.encode('phone,name\n05551111111,"Şule\nÖz"\n05551111112,Gül\n', 'utf-8');
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    const { records } = await read(chunks);
    expect(records.map((r) => r.cells)).toEqual([['05551111111', 'Şule\nÖz'], ['05551111112', 'Gül']]);
  });

  it('decodes Windows-1254 and UTF-16 with a BOM', async () => {
    const w = await read([iconv.encode('ad;tel\nŞükrü;0555\n', 'windows-1254')]);
    expect(w.records[0]!.cells).toEqual(['Şükrü', '0555']);
    const u = await read([Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('ad\ttel\nIşıl\t0555\n', 'utf-16le')])]);
    expect(u.reader.shape?.delimiter).toBe('\t');
    expect(u.records[0]!.cells).toEqual(['Işıl', '0555']);
  });

  it('reports a quote never closed as one MALFORMED_ROW and goes on after its first line end', async () => {
    const { records } = await read(['phone,name\n05551111111,"', 'x'.repeat(70_000), '\n05551111112,Gül\n']);
    expect(records[0]).toMatchObject({ line: 2, problem: { code: 'MALFORMED_ROW' } });
    expect(records[records.length - 1]!.cells).toEqual(['05551111112', 'Gül']);
  });

  it('reports bytes that are not of the detected encoding as BAD_ENCODING for their row', async () => {
    const utf8 = Buffer.from(`phone;name\n${'05551111111;Ayşe\n'.repeat(5000)}`); // past the 64 KiB the encoding is read from
    const { records } = await read([Buffer.concat([utf8, Buffer.from([0x30, 0x3b, 0xde, 0xfe, 0x0a])])]);
    expect(records.filter((r) => r.problem).map((r) => [r.line, r.problem?.code])).toEqual([[5002, 'BAD_ENCODING']]);
  });
});
