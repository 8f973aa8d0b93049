import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { LightMyRequestResponse } from 'fastify';
import { waitFor } from '@santral/testing';
import { expectProblem, startGateway, type Gateway } from '../apps/api-gateway/test/gateway-harness';
import { startCampaignBeside, type CampaignBeside } from './support/campaign-beside';
import { startDialerBeside, type DialerBeside } from './support/dialer-beside';
import { multipartBody } from './support/multipart';

// Call lists and their import end to end: the gateway streams the upload into the JetStream
// Object Store, the campaign service reads it as a stream, normalizes, asks the real dialer which
// numbers are on the DNC list, and commits the whole job in one transaction (or nothing).
const MISSING = '0190ffff-0000-7000-8000-000000000000';
const MAX_ROWS = 60_000;

interface Org {
  id: string;
  key: string;
  supervisor: string;
  operator: string;
}

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

  async function org(): Promise<Org> {
    const o = await gw.createOrg();
    const keyOf = async (role: string) => (await gw.request({ method: 'POST', url: '/v1/api-keys', key: o.key, body: { name: role, role } })).json<{ key: string }>().key;
    const [supervisor, operator] = [await keyOf('supervisor'), await keyOf('operator')];
    await campaign.knows(o.id);
    await dialer.knows(o.id);
    return { id: o.id, key: o.key, supervisor, operator };
  }

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
  });
});
