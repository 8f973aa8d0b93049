import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { LightMyRequestResponse } from 'fastify';
import { waitFor } from '@santral/testing';
import { expectProblem, startGateway, type Gateway } from '../apps/api-gateway/test/gateway-harness';
import { startCampaignBeside, type CampaignBeside } from './support/campaign-beside';
import { startDialerBeside, type DialerBeside } from './support/dialer-beside';
import { multipartBody } from './support/multipart';
import { organizationKnownTo, type RoleOrg } from './support/beside';

// Call lists and their import end to end: the gateway streams the upload into the JetStream
// Object Store, the campaign service reads it as a stream, normalizes, asks the real dialer which
// numbers are on the DNC list, and commits the whole job in one transaction (or nothing).
const MISSING = '0190ffff-0000-7000-8000-000000000000';
const MAX_ROWS = 60_000;

type Org = RoleOrg;

interface Job {
  id: string;
  state: string;
  rowsRead: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  onDnc: number;
  errorCode: string | null;
  encoding: string | null;
  delimiter: string | null;
  format: string | null;
}

interface Contact {
  phone: string;
  name: string | null;
  timeZone: string | null;
  variables: Record<string, string>;
  onDnc: boolean;
  line: number;
}

describe('call lists and imports: gateway → object store → campaign service (+ dialer for DNC)', () => {
  let gw: Gateway;
  let dialer: DialerBeside;
  let campaign: CampaignBeside;

  beforeAll(async () => {
    gw = await startGateway('gw_import', { RPC_TIMEOUT_MS: '10000' });
    dialer = await startDialerBeside(gw, 'dlr_import');
    campaign = await startCampaignBeside(gw, 'cmp_import', { IMPORT_MAX_ROWS: String(MAX_ROWS), IMPORT_XLSX_MAX_INFLATED_MB: '2' });
  });

  afterAll(async () => {
    await campaign?.close();
    await dialer?.close();
    await gw?.close();
  });

  const org = (): Promise<Org> => organizationKnownTo(gw, campaign, dialer);

  async function list(key: string, body: Record<string, unknown> = { name: 'Liste' }): Promise<string> {
    const res = await gw.request({ method: 'POST', url: '/v1/call-lists', key, body });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string }>().id;
  }

  function upload(key: string, listId: string, bytes: Buffer | string, opts: { name?: string; fields?: Record<string, string>; type?: string } = {}): Promise<LightMyRequestResponse> {
    const { payload, contentType } = multipartBody({ bytes, name: opts.name, type: opts.type }, opts.fields);
    return gw.app.inject({ method: 'POST', url: `/v1/call-lists/${listId}/imports`, headers: { authorization: `Bearer ${key}`, 'content-type': contentType }, payload });
  }

  async function imported(key: string, listId: string, bytes: Buffer | string, opts: { name?: string; fields?: Record<string, string> } = {}): Promise<Job> {
    const res = await upload(key, listId, bytes, opts);
    expect({ status: res.statusCode, body: res.body.slice(0, 300) }).toEqual({ status: 202, body: expect.any(String) });
    const job = res.json<Job>();
    expect(job.state).toBe('queued');
    let last = job;
    await waitFor(async () => {
      last = (await gw.request({ method: 'GET', url: `/v1/imports/${job.id}`, key })).json<Job>();
      return last.state === 'completed' || last.state === 'failed';
    }, 60_000, `import ${job.id} finishes`);
    return last;
  }

  const contacts = async (key: string, listId: string): Promise<Contact[]> => {
    const all: Contact[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Contact[]; nextCursor: string | null } = (await gw.request({ method: 'GET', url: `/v1/call-lists/${listId}/contacts?limit=100${cursor ? `&cursor=${cursor}` : ''}`, key })).json();
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all.sort((a, b) => a.line - b.line);
  };
  const rejected = async (key: string, importId: string) =>
    (await gw.request({ method: 'GET', url: `/v1/imports/${importId}/rejected-rows?limit=100`, key })).json<{ items: Array<{ line: number; code: string; raw: string | null }>; nextCursor: string | null }>();
  const fieldsOf = (body: Record<string, unknown>) => (body.errors as Array<{ field: string }>).map((e) => e.field);
  const contactCount = async (listId: string) => Number((await campaign.db.dataSource.query('SELECT count(*)::int AS n FROM contacts WHERE call_list_id = $1', [listId]))[0].n);

  it('imports a Turkish Excel CSV (Windows-1254, `;`): messy numbers normalized, duplicates in any form and bad numbers rejected with their line, DNC flagged, formulas kept as text', async () => {
    const a = await org();
    expect((await gw.request({ method: 'POST', url: '/v1/dnc', key: a.key, body: { numbers: ['0532 000 00 07'] } })).statusCode).toBe(200);
    const listId = await list(a.key);
    const csv = [
      'Ad Soyad;Cep Telefonu;Şehir;Saat Dilimi',
      'Ayşe Yılmaz;0555 123 45 67;İstanbul;Europe/Istanbul',
      'Çağrı Öztürk;0 (532) 123-45-67;İzmir;',
      'Mehmet;+90 555 123 45 67;Ankara;', // line 4: same number as line 2
      '',
      'Geçersiz;0555 12;Bursa;', // line 6: too short
      '=HYPERLINK("http://evil");90 212 555 12 12;Antalya;',
      'Yasak;05320000007;Konya;', // on the DNC list
      'Zaman;05321112233;Adana;Mars/Olympus',
      ';;Boş;',
    ].join('\r\n');
    const job = await imported(a.key, listId, iconv.encode(csv, 'windows-1254'));
    expect(job).toMatchObject({ state: 'completed', format: 'csv', encoding: 'windows-1254', delimiter: ';', rowsRead: 8, accepted: 4, rejected: 4, duplicates: 1, onDnc: 1, errorCode: null });
    const stored = await contacts(a.key, listId);
    expect(stored.map((c) => [c.line, c.phone, c.name, c.timeZone, c.onDnc])).toEqual([
      [2, '+905551234567', 'Ayşe Yılmaz', 'Europe/Istanbul', false],
      [3, '+905321234567', 'Çağrı Öztürk', null, false],
      [7, '+902125551212', '=HYPERLINK("http://evil")', null, false],
      [8, '+905320000007', 'Yasak', null, true],
    ]);
    expect(stored[0]!.variables).toEqual({ sehir: 'İstanbul' });
    const rows = await rejected(a.key, job.id);
    expect(rows.items.map((r) => [r.line, r.code, r.raw])).toEqual([
      [4, 'DUPLICATE', null],
      [6, 'TOO_SHORT', '0555 12'],
      [9, 'INVALID_TIME_ZONE', '05321112233'],
      [10, 'MISSING_PHONE', null],
    ]);
    // Exported as CSV for Excel: a BOM, the formula-looking name escaped (stored unchanged above),
    // the numbers as E.164, one column per variable; a supervisor may export too.
    const exported = await gw.request({ method: 'GET', url: `/v1/call-lists/${listId}/export`, key: a.supervisor });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(exported.headers['content-disposition']).toBe(`attachment; filename="Liste.csv"; filename*=UTF-8''Liste.csv`);
    expect(exported.body.startsWith('\uFEFFphone,name,time_zone,on_dnc,line,sehir,other_variables\r\n')).toBe(true);
    const lines = exported.body.slice(1).trimEnd().split('\r\n').slice(1).sort();
    expect(lines).toEqual([
      `+902125551212,"'=HYPERLINK(""http://evil"")",,false,7,Antalya,`,
      '+905320000007,Yasak,,true,8,Konya,',
      '+905321234567,Çağrı Öztürk,,false,3,İzmir,',
      '+905551234567,Ayşe Yılmaz,Europe/Istanbul,false,2,İstanbul,',
    ]);
  });

  it('a second import into a list rejects the numbers the list holds, in any form; two imports into one list at once store each number once; pages are newest first', async () => {
    const a = await org();
    const listId = await list(a.key);
    expect(await imported(a.key, listId, 'phone,name\n05551230001,Bir\n05551230002,İki\n')).toMatchObject({ state: 'completed', accepted: 2 });
    const again = await imported(a.key, listId, 'phone,name\n+90 555 123 00 02,İki yine\n05551230003,Üç\n0555 123 0003,Üç yine\n');
    expect(again).toMatchObject({ state: 'completed', rowsRead: 3, accepted: 1, rejected: 2, duplicates: 2 });
    const reasons = (await gw.request({ method: 'GET', url: `/v1/imports/${again.id}/rejected-rows?limit=100`, key: a.key })).json<{ items: Array<{ line: number; reason: string }> }>().items;
    expect(reasons.map((r) => [r.line, r.reason])).toEqual([
      [2, 'Duplicate: +905551230002 is already in the call list'],
      [4, 'Duplicate: +905551230003 is also on line 3'],
    ]);
    const page = (await gw.request({ method: 'GET', url: `/v1/call-lists/${listId}/contacts?limit=2`, key: a.key })).json<{ items: Contact[]; nextCursor: string | null }>();
    expect(page.items.map((c) => c.name)).toEqual(['Üç', 'İki']);
    const rest = (await gw.request({ method: 'GET', url: `/v1/call-lists/${listId}/contacts?limit=2&cursor=${page.nextCursor}`, key: a.key })).json<{ items: Contact[]; nextCursor: string | null }>();
    expect(rest).toMatchObject({ items: [expect.objectContaining({ name: 'Bir' })], nextCursor: null });

    const other = await list(a.key);
    const numbers = Array.from({ length: 300 }, (_, i) => `05552${String(i).padStart(6, '0')}`);
    const [x, y] = await Promise.all([imported(a.key, other, ['phone', ...numbers].join('\n')), imported(a.key, other, ['phone', ...numbers.slice(150), '05559999999'].join('\n'))]);
    expect([x.state, y.state]).toEqual(['completed', 'completed']);
    expect(x.accepted + y.accepted).toBe(301);
    expect(x.duplicates + y.duplicates).toBe(150);
    expect(await contactCount(other)).toBe(301);
  });

  it('exports a list longer than one page in full, and an empty list as its header only', async () => {
    const a = await org();
    const listId = await list(a.key, { name: 'Büyük liste' });
    const rows = Array.from({ length: 250 }, (_, i) => `05551${String(i).padStart(6, '0')},Kişi ${i}`);
    expect((await imported(a.key, listId, ['phone,name', ...rows].join('\n'))).accepted).toBe(250);
    const res = await gw.request({ method: 'GET', url: `/v1/call-lists/${listId}/export`, key: a.key });
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Buyuk_liste.csv"; filename*=UTF-8''${encodeURIComponent('Büyük liste.csv')}`);
    const lines = res.body.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('phone,name,time_zone,on_dnc,line,other_variables');
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0])).size).toBe(250);
    const empty = await list(a.key, { name: 'Boş' });
    expect((await gw.request({ method: 'GET', url: `/v1/call-lists/${empty}/export`, key: a.key })).body).toBe('\uFEFFphone,name,time_zone,on_dnc,line,other_variables\r\n');
  });

  it('reads UTF-8 with a BOM (`,`), UTF-16 LE and BE with a BOM (Excel "Unicode text", tab) and UTF-8 without one, header aliases in any case', async () => {
    const a = await org();
    const files: Array<[Buffer, string, string]> = [
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('İSİM,TELEFON\nŞule,0555 111 11 11\n')]), 'utf-8', ','],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('Ad\tGSM\r\nĞül\t0555 111 11 12\r\n', 'utf-16le')]), 'utf-16le', '\t'],
      [Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode('numara\tisim\n0555 111 11 13\tIşıl\n', 'utf-16be')]), 'utf-16be', '\t'],
      [Buffer.from('Số điện thoại;Họ tên\n+84 91 234 56 78;Nguyễn Văn An\n'), 'utf-8', ';'],
    ];
    const names: string[] = [];
    for (const [bytes, encoding, delimiter] of files) {
      const listId = await list(a.key);
      const job = await imported(a.key, listId, bytes);
      expect(job).toMatchObject({ state: 'completed', encoding, delimiter, accepted: 1, rejected: 0 });
      names.push(...(await contacts(a.key, listId)).map((c) => `${c.name} ${c.phone}`));
    }
    expect(names).toEqual(['Şule +905551111111', 'Ğül +905551111112', 'Işıl +905551111113', 'Nguyễn Văn An +84912345678']);
  });

  it('takes an explicit mapping over the guess, and refuses a mapping naming a missing column (the job fails, nothing imported)', async () => {
    const a = await org();
    const listId = await list(a.key, { name: 'GB', country: 'GB' });
    const csv = 'Tel,Ev Telefonu,Müşteri,Not\n07700 900123,020 7946 0958,Jane,vip\n';
    const job = await imported(a.key, listId, csv, { fields: { mapping: JSON.stringify({ phone: 'Ev Telefonu', name: 'müşteri', variables: ['Not'] }) } });
    expect(job).toMatchObject({ state: 'completed', accepted: 1 });
    expect((await contacts(a.key, listId)).map((c) => [c.phone, c.name, c.variables])).toEqual([['+442079460958', 'Jane', { not: 'vip' }]]);
    const bad = await imported(a.key, await list(a.key), csv, { fields: { mapping: JSON.stringify({ phone: 'Faks' }) } });
    expect(bad).toMatchObject({ state: 'failed', errorCode: 'IMPORT_MAPPING_INVALID', accepted: 0 });
    const res = await upload(a.key, listId, csv, { fields: { mapping: '{"phone": 5}' } });
    expect(new Set(fieldsOf(expectProblem(res, 422, 'VALIDATION_FAILED')))).toEqual(new Set(['mapping.phone']));
  });

  it('fails a file without a phone column with IMPORT_NO_PHONE_COLUMN, and an empty file too: nothing imported', async () => {
    const a = await org();
    const listId = await list(a.key);
    await expect(imported(a.key, listId, 'Ad;Şehir\nAyşe;İstanbul\n')).resolves.toMatchObject({ state: 'failed', errorCode: 'IMPORT_NO_PHONE_COLUMN', accepted: 0 });
    await expect(imported(a.key, listId, '')).resolves.toMatchObject({ state: 'failed', errorCode: 'IMPORT_NO_PHONE_COLUMN' });
    await expect(imported(a.key, listId, '\n\n\n')).resolves.toMatchObject({ state: 'failed', errorCode: 'IMPORT_NO_PHONE_COLUMN' });
    expect(await contactCount(listId)).toBe(0);
  });

  it('reports broken quoting and bytes of another encoding per row, and imports the rest', async () => {
    const a = await org();
    const listId = await list(a.key);
    const broken = `phone,name\n05551110001,"Ali\n05551110002,"Ve"li"\n05551110003,Can\n`;
    const job = await imported(a.key, listId, broken);
    expect(job.state).toBe('completed');
    const codes = (await rejected(a.key, job.id)).items.map((r) => r.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes)).toEqual(new Set(['MALFORMED_ROW']));
    // A quote never closed cannot swallow the file: a later row past the cut still arrives.
    const open = `phone,name\n05551110004,"${'x'.repeat(70_000)}\n05551110005,Deniz\n`;
    const swallowed = await imported(a.key, await list(a.key), open);
    expect(swallowed).toMatchObject({ state: 'completed', accepted: 1, rejected: 1 });
    // UTF-8 for the first 64 KiB the encoding is read from, then a line saved as Windows-1254.
    const utf8 = Array.from({ length: 5000 }, (_, i) => `0555${String(2_000_000 + i)};Ayşe ${i}`).join('\n');
    const mixed = Buffer.concat([Buffer.from(`phone;name\n${utf8}\n`), iconv.encode('05551110007;Şükrü\n', 'windows-1254'), Buffer.from('05551110008;Gül\n')]);
    const m = await imported(a.key, await list(a.key), mixed);
    expect(m).toMatchObject({ state: 'completed', encoding: 'utf-8', accepted: 5001, rejected: 1 });
    expect((await rejected(a.key, m.id)).items.map((r) => [r.line, r.code])).toEqual([[5002, 'BAD_ENCODING']]);
  });

  it('rejects numbers already in the list whatever their form, on a second import', async () => {
    const a = await org();
    const listId = await list(a.key);
    await imported(a.key, listId, 'tel\n0555 123 45 67\n0532 000 00 01\n');
    const again = await imported(a.key, listId, 'tel\n+905551234567\n90 532 000 00 01\n0533 000 00 02\n');
    expect(again).toMatchObject({ state: 'completed', accepted: 1, rejected: 2, duplicates: 2 });
    expect(await contactCount(listId)).toBe(3);
  });

  it('imports a large generated file (50,000 rows, ~3 MB) in full, and a file past the row limit not at all (all or nothing)', async () => {
    const a = await org();
    const lines = (n: number) => ['telefon;ad', ...Array.from({ length: n }, (_, i) => `0532 ${String(1_000_000 + i).slice(1, 4)} ${String(i).padStart(4, '0').slice(-4)};Kişi ${i}`)];
    const listId = await list(a.key);
    const big = lines(50_000).join('\n');
    const job = await imported(a.key, listId, iconv.encode(big, 'windows-1254'));
    expect(job.state).toBe('completed');
    expect(job.rowsRead).toBe(50_000);
    expect(job.accepted + job.duplicates).toBe(50_000);
    expect(await contactCount(listId)).toBe(job.accepted);
    // Past IMPORT_MAX_ROWS (60,000) the job fails after rows were already staged: none of them is a contact.
    const other = await list(a.key);
    const tooMany = await imported(a.key, other, lines(MAX_ROWS + 5_000).join('\n'));
    expect(tooMany).toMatchObject({ state: 'failed', errorCode: 'IMPORT_FILE_TOO_LARGE', accepted: 0 });
    expect(tooMany.rowsRead).toBeGreaterThan(MAX_ROWS);
    expect(await contactCount(other)).toBe(0);
    expect((await rejected(a.key, tooMany.id)).items).toEqual([]);
  });

  it('imports the first sheet of an XLSX (numbers typed as numbers too), and refuses a zip bomb with IMPORT_FILE_TOO_LARGE', async () => {
    const a = await org();
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Müşteriler');
    sheet.addRow(['Ad Soyad', 'Cep', 'Şehir']);
    sheet.addRow(['Ayşe', '0555 123 45 67', 'İstanbul']);
    sheet.addRow(['=SUM(A1)', 5321234567, 'İzmir']);
    sheet.addRow(['Kötü', 'abc', 'Van']);
    const listId = await list(a.key);
    const job = await imported(a.key, listId, Buffer.from(await wb.xlsx.writeBuffer()), { name: 'liste.xlsx' });
    expect(job).toMatchObject({ state: 'completed', format: 'xlsx', accepted: 2, rejected: 1 });
    expect((await contacts(a.key, listId)).map((c) => [c.line, c.phone, c.name, c.variables])).toEqual([
      [2, '+905551234567', 'Ayşe', { sehir: 'İstanbul' }],
      [3, '+905321234567', '=SUM(A1)', { sehir: 'İzmir' }],
    ]);
    // ~3 MiB of one repeated cell compresses to a few KiB: refused before exceljs reads it (limit 2 MiB here).
    const bomb = new ExcelJS.Workbook();
    const s = bomb.addWorksheet('x');
    s.addRow(['phone', 'name']);
    for (let i = 0; i < 40_000; i++) s.addRow(['05551234567', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa']);
    const bytes = Buffer.from(await bomb.xlsx.writeBuffer({ zip: { compression: 'DEFLATE', compressionOptions: { level: 9 } } } as ExcelJS.XlsxWriteOptions));
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const refused = await imported(a.key, await list(a.key), bytes, { name: 'bomb.xlsx' });
    expect(refused).toMatchObject({ state: 'failed', errorCode: 'IMPORT_FILE_TOO_LARGE', accepted: 0 });
    const xls = await imported(a.key, await list(a.key), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), { name: 'old.xls' });
    expect(xls).toMatchObject({ state: 'failed', errorCode: 'IMPORT_UNSUPPORTED_FORMAT' });
  });

  it('pages rejected rows in line order with a cursor, and refuses a foreign cursor', async () => {
    const a = await org();
    const csv = ['phone', ...Array.from({ length: 5 }, (_, i) => `bad${i}`)].join('\n');
    const job = await imported(a.key, await list(a.key), csv);
    const first = (await gw.request({ method: 'GET', url: `/v1/imports/${job.id}/rejected-rows?limit=3`, key: a.key })).json<{ items: Array<{ line: number; code: string }>; nextCursor: string }>();
    expect(first.items.map((r) => [r.line, r.code])).toEqual([[2, 'NOT_A_NUMBER'], [3, 'NOT_A_NUMBER'], [4, 'NOT_A_NUMBER']]);
    const second = (await gw.request({ method: 'GET', url: `/v1/imports/${job.id}/rejected-rows?limit=3&cursor=${first.nextCursor}`, key: a.key })).json<{ items: Array<{ line: number }>; nextCursor: null }>();
    expect(second.items.map((r) => r.line)).toEqual([5, 6]);
    expect(second.nextCursor).toBeNull();
    expectProblem(await gw.request({ method: 'GET', url: `/v1/imports/${job.id}/rejected-rows?cursor=WyJ4Iiwibm9wZSJd`, key: a.key }), 400, 'INVALID_CURSOR');
  });

  it('creates lists with the organization country by default, lists and reads them with their contact count', async () => {
    const a = await org();
    const res = await gw.request({ method: 'POST', url: '/v1/call-lists', key: a.supervisor, body: { name: 'Varsayılan' } });
    expect(res.json()).toMatchObject({ name: 'Varsayılan', country: 'TR', contactCount: 0 });
    const id = res.json<{ id: string }>().id;
    await imported(a.key, id, 'phone\n05551234567\n');
    expect((await gw.request({ method: 'GET', url: `/v1/call-lists/${id}`, key: a.key })).json()).toMatchObject({ id, contactCount: 1 });
    expect((await gw.request({ method: 'GET', url: '/v1/call-lists', key: a.key })).json()).toMatchObject({ items: [{ id, contactCount: 1 }], nextCursor: null });
    expectProblem(await gw.request({ method: 'POST', url: '/v1/call-lists', key: a.key, body: { name: 'x', country: 'tr' } }), 422, 'VALIDATION_FAILED');
  });

  it('refuses a body that is not multipart with a file (415 / 422), and multipart on JSON routes (415); nothing is stored', async () => {
    const a = await org();
    const listId = await list(a.key);
    expectProblem(await gw.request({ method: 'POST', url: `/v1/call-lists/${listId}/imports`, key: a.key, body: { file: 'x' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    const noFile = multipartBody(null, { mapping: '{}' });
    expectProblem(await gw.app.inject({ method: 'POST', url: `/v1/call-lists/${listId}/imports`, headers: { authorization: `Bearer ${a.key}`, 'content-type': noFile.contentType }, payload: noFile.payload }), 422, 'VALIDATION_FAILED');
    const wrongField = multipartBody({ bytes: 'phone\n1', field: 'upload' });
    expectProblem(await gw.app.inject({ method: 'POST', url: `/v1/call-lists/${listId}/imports`, headers: { authorization: `Bearer ${a.key}`, 'content-type': wrongField.contentType }, payload: wrongField.payload }), 422, 'VALIDATION_FAILED');
    // A boundary in the header that the body does not use (found by the OpenAPI fuzz test): a 4xx, not a 500.
    const mismatched = multipartBody({ bytes: 'telefon;ad\r\n' });
    const res = await gw.app.inject({ method: 'POST', url: `/v1/call-lists/${listId}/imports`, headers: { authorization: `Bearer ${a.key}`, 'content-type': 'multipart/form-data; boundary=x' }, payload: mismatched.payload });
    expect({ status: res.statusCode, body: res.body.slice(0, 400) }).toEqual({ status: 422, body: expect.stringContaining('VALIDATION_FAILED') });
    const onJson = multipartBody({ bytes: 'phone\n1' });
    expectProblem(await gw.app.inject({ method: 'POST', url: '/v1/call-lists', headers: { authorization: `Bearer ${a.key}`, 'content-type': onJson.contentType }, payload: onJson.payload }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    const jobs: Array<{ n: number }> = await campaign.db.dataSource.query('SELECT count(*)::int AS n FROM import_jobs WHERE call_list_id = $1', [listId]);
    expect(jobs[0]!.n).toBe(0);
  });

  it("answers 404 for another organization's list or import on every route", async () => {
    const [a, b] = [await org(), await org()];
    const listId = await list(a.key);
    const job = await imported(a.key, listId, 'phone\n05551234567\n');
    expectProblem(await gw.request({ method: 'GET', url: `/v1/call-lists/${listId}`, key: b.key }), 404, 'NOT_FOUND');
    expectProblem(await gw.request({ method: 'GET', url: `/v1/call-lists/${listId}/contacts`, key: b.key }), 404, 'NOT_FOUND');
    expectProblem(await gw.request({ method: 'GET', url: `/v1/call-lists/${listId}/export`, key: b.key }), 404, 'NOT_FOUND');
    expectProblem(await gw.request({ method: 'GET', url: `/v1/call-lists/${MISSING}/export`, key: a.key }), 404, 'NOT_FOUND');
    expectProblem(await upload(b.key, listId, 'phone\n05551234568\n'), 404, 'NOT_FOUND');
    expectProblem(await gw.request({ method: 'GET', url: `/v1/imports/${job.id}`, key: b.key }), 404, 'NOT_FOUND');
    expectProblem(await gw.request({ method: 'GET', url: `/v1/imports/${job.id}/rejected-rows`, key: b.key }), 404, 'NOT_FOUND');
    expect((await gw.request({ method: 'GET', url: '/v1/call-lists', key: b.key })).json()).toEqual({ items: [], nextCursor: null });
    expectProblem(await upload(a.key, MISSING, 'phone\n05551234568\n'), 404, 'NOT_FOUND');
    expect(await contactCount(listId)).toBe(1);
  });

  it('refuses an operator on every route (403)', async () => {
    const a = await org();
    const listId = await list(a.key);
    const job = await imported(a.key, listId, 'phone\n05551234567\n');
    const routes = [
      { method: 'POST', url: '/v1/call-lists', body: { name: 'x' } },
      { method: 'GET', url: '/v1/call-lists' },
      { method: 'GET', url: `/v1/call-lists/${listId}` },
      { method: 'GET', url: `/v1/call-lists/${listId}/contacts` },
      { method: 'GET', url: `/v1/call-lists/${listId}/export` },
      { method: 'GET', url: `/v1/imports/${job.id}` },
      { method: 'GET', url: `/v1/imports/${job.id}/rejected-rows` },
    ] as const;
    for (const r of routes) expectProblem(await gw.request({ ...r, key: a.operator }), 403, 'FORBIDDEN');
    expectProblem(await upload(a.operator, listId, 'phone\n05551234568\n'), 403, 'FORBIDDEN');
    expect(await contactCount(listId)).toBe(1);
    expect((await imported(a.supervisor, listId, 'phone\n05551234568\n')).accepted).toBe(1);
  });
});
