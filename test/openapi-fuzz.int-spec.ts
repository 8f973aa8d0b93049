import fc from 'fast-check';
import type { NatsConnection } from '@nats-io/nats-core';
import { Rpc } from '@santral/contracts';
import { connectNats, decodeJson, encodeJson } from '@santral/messaging';
import { testEnv } from '@santral/testing';
import { ADMIN_KEY, expectProblem, startGateway, TABLES, type Gateway, type RequestOptions } from '../apps/api-gateway/test/gateway-harness';
import { startCampaignBeside, type CampaignBeside } from './support/campaign-beside';
import { startBillingBeside, type BillingBeside } from './support/billing-beside';
import { startDialerBeside, type DialerBeside } from './support/dialer-beside';
import { multipartBody } from './support/multipart';
import { startTelephonyBeside, type TelephonyBeside } from './support/telephony-beside';
import { startTicketingBeside, type TicketingBeside } from './support/ticketing-beside';
import { garbage, NASTY_STRINGS, operationsOf, SchemaArbitraries, type OpenApiDocument, type Operation } from './openapi-fuzz.arbitraries';

// Every operation of /openapi.json, driven with random bodies, queries, path parameters and
// headers against the real api-gateway and the real telephony-gateway, dialer-orchestrator and billing
// behind it (one subject prefix): no answer is ever 5xx, and a 4xx writes nothing in any service's tables.
// A fixed seed and a bounded count in `npm test`; FUZZ_RUNS=N (per operation) and FUZZ_SEED=S for more.
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const PUBLIC_BASE_URL = 'https://telephony.example.com';
const SIGNING_SECRET = `whsec_${Buffer.from('openapi-fuzz-test-secret-0123456').toString('base64')}`;

let gw: Gateway;
let telephony: TelephonyBeside | undefined;
let dialer: DialerBeside | undefined;
let campaign: CampaignBeside | undefined;
let billing: BillingBeside | undefined;
// Tickets are written by call facts, asynchronously (the setup's click-to-call may leave one while the
// fuzzer runs), so of ticketing's tables only the customers' and note templates' (written by requests) are counted.
let ticketing: TicketingBeside | undefined;
let nc: NatsConnection;
let doc: OpenApiDocument;
/** Keys the fuzzer authenticates with, and ids of real resources it may hit. */
const keys: string[] = [];
const ids: string[] = [];

beforeAll(async () => {
  gw = await startGateway('gw_fuzz', { RPC_TIMEOUT_MS: '5000' });
  telephony = await startTelephonyBeside(gw, 'tg_fuzz', { env: { PUBLIC_BASE_URL } });
  dialer = await startDialerBeside(gw, 'dlr_fuzz');
  campaign = await startCampaignBeside(gw, 'cmp_fuzz');
  billing = await startBillingBeside(gw, 'bil_fuzz');
  ticketing = await startTicketingBeside(gw, 'tkt_fuzz', { DB_POOL_SIZE: '3' });
  nc = await connectNats({ servers: testEnv.natsUrl, name: 'openapi-fuzz' });

  const org = await gw.createOrg();
  const other = await gw.createOrg({ name: 'Other' });
  const made = async (url: string, body: unknown, key = org.key) => {
    const res = await gw.request({ method: 'POST', url, key, body });
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json<{ id: string; key?: string }>();
  };
  const supervisor = await made('/v1/api-keys', { name: 'supervisor', role: 'supervisor' });
  const operator = await made('/v1/api-keys', { name: 'operator', role: 'operator' });
  const victim = await made('/v1/api-keys', { name: 'victim', role: 'admin' }); // its id is fair game for DELETE
  const user = await made('/v1/users', { name: 'Ayşe', email: 'ayse@example.com', role: 'operator' });
  const account = await made('/v1/provider-accounts', { type: 'simulator', name: 'Sim', settings: { timeScale: 60 }, secrets: { apiKey: 'sk_fuzz', signingSecret: SIGNING_SECRET } });
  // The dialer reads numbers with the organization's default country, learnt from the gateway's events.
  await dialer.knows(org.id);
  await dialer.knows(other.id);
  await campaign.knows(org.id);
  await campaign.knows(other.id);
  await billing.knows(org.id);
  await billing.knows(other.id);
  await ticketing.knows(org.id);
  await ticketing.knows(other.id);
  const customer = (await made('/v1/customers', { name: 'Fuzz Müşteri', phones: ['0555 987 65 43'] })) as unknown as { customerId: string };
  const noteTemplate = (await made('/v1/note-templates', { name: 'Fuzz şablon', body: 'Teslimat günü değişti' })) as unknown as { templateId: string };
  const dnc = await gw.request({ method: 'POST', url: '/v1/dnc', key: org.key, body: { numbers: ['0555 123 45 67'] } });
  if (dnc.statusCode !== 200) throw new Error(`/v1/dnc: ${dnc.statusCode} ${dnc.body}`);
  const hotline = await made('/v1/hotlines', { number: '+902125551212', label: 'Main line' });
  const messageRule = await made('/v1/message-rules', { name: 'Fuzz rule', channel: 'sms', calledNumbers: ['+902125551212'], template: 'We missed your call, {{callerNumber}}' });
  // A real call for /v1/calls/{id}: a click-to-call by the operator user (no agent needed).
  const presence = await gw.request({ method: 'PUT', url: `/v1/users/${user.id}/presence`, key: org.key, body: { status: 'available', endpoint: 'sip:ayse@pbx.example.com' } });
  if (presence.statusCode !== 200) throw new Error(`presence: ${presence.statusCode} ${presence.body}`);
  const call = await gw.request({ method: 'POST', url: '/v1/calls', key: org.key, body: { kind: 'click_to_call', to: '0532 000 00 05', operatorUserId: user.id } });
  if (call.statusCode !== 202) throw new Error(`/v1/calls: ${call.statusCode} ${call.body}`);
  const agent = (await gw.request({ method: 'POST', url: '/v1/agents', key: org.key, body: { name: 'Fuzz agent' } })).json<{ agentId: string }>();
  const callList = await made('/v1/call-lists', { name: 'Fuzz list' });
  const upload = multipartBody({ bytes: 'telefon;ad\n0555 123 45 67;Ayşe\n' });
  const started = await gw.app.inject({ method: 'POST', url: `/v1/call-lists/${callList.id}/imports`, headers: { authorization: `Bearer ${org.key}`, 'content-type': upload.contentType }, payload: upload.payload });
  if (started.statusCode !== 202) throw new Error(`import: ${started.statusCode} ${started.body}`);
  const campaignDraft = await gw.request({ method: 'POST', url: '/v1/campaigns', key: org.key, body: { name: 'Fuzz campaign', agentId: agent.agentId, callListId: callList.id, startsAt: '2026-01-01T00:00:00Z', endsAt: '2099-01-01T00:00:00Z' } });
  if (campaignDraft.statusCode !== 201) throw new Error(`/v1/campaigns: ${campaignDraft.statusCode} ${campaignDraft.body}`);
  keys.push(ADMIN_KEY, org.key, supervisor.key!, operator.key!, other.key);
  ids.push(org.id, other.id, victim.id, user.id, account.id, dnc.json<{ entries: Array<{ id: string }> }>().entries[0]!.id, hotline.id, messageRule.id, call.json<{ callId: string }>().callId, agent.agentId, callList.id, started.json<{ id: string }>().id, campaignDraft.json<{ campaignId: string }>().campaignId, customer.customerId, noteTemplate.templateId);

  doc = (await gw.request({ method: 'GET', url: '/openapi.json' })).json<OpenApiDocument>();
}, 60_000);

afterAll(async () => {
  await nc?.close();
  await telephony?.close();
  await campaign?.close();
  await dialer?.close();
  await billing?.close();
  await ticketing?.close();
  await gw?.close();
});

/** Row counts of every table a request writes synchronously (events and projections are asynchronous). */
async function rowCounts(): Promise<Record<string, number>> {
  const gateway = TABLES.map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(', ');
  const [mine]: Array<Record<string, number>> = await gw.db.dataSource.query(`SELECT ${gateway}`);
  const [theirs]: Array<{ provider_accounts: number }> = await telephony!.db.dataSource.query('SELECT count(*)::int AS provider_accounts FROM provider_accounts');
  const [dialers]: Array<Record<string, number>> = await dialer!.db.dataSource.query(
    // call_tasks: only POST /v1/calls writes it (calls and their transitions are the dispatcher's, asynchronously).
    `SELECT ${['dnc_entries', 'hotlines', 'operator_presence', 'call_tasks', 'message_rules', 'message_rule_sends'].map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(', ')}`,
  );
  // Contacts and rejected rows are written later by the import job a 202 started, so they are not counted here.
  const [campaigns]: Array<Record<string, number>> = await campaign!.db.dataSource.query(
    `SELECT ${['agents', 'call_lists', 'import_jobs', 'campaigns'].map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(', ')}`,
  );
  // Billing: only payments are written by a request itself (POST top-ups); accounts, reservations, settlements
  // and their ledger entries follow organization and call events, asynchronously (the setup's click-to-call
  // ends and is settled while the fuzzer runs).
  const { payments } = await billing!.rowCounts();
  const [customers]: Array<Record<string, number>> = await ticketing!.db.dataSource.query(
    `SELECT ${['customers', 'customer_phones', 'enrichment_settings', 'note_templates'].map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(', ')}`,
  );
  return { ...mine, ...theirs, ...dialers, ...campaigns, payments: payments!, ...customers };
}

/** Percent-encodes what encodeURIComponent can; a lone surrogate goes as the bytes of its (invalid) UTF-8 form. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value.replace(/[\uD800-\uDFFF]/g, '%ED%A0%80').replace(/[^%A-Za-z0-9._~-]/g, (c) => encodeURIComponent(c));
  }
}

/** `arbitrary` in one request of `oneIn`, else absent. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
}

const rawText = fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.string({ maxLength: 30 }));
const encoded = fc.oneof(rawText.map(encode), fc.constantFrom('%', '%zz', '%ff%fe', '%ED%A0%80', '%C0%80', '%2F..%2F', 'a%00b'));

/** A cursor-looking value: base64url of JSON of some shape, or anything. */
const cursor = fc.oneof(
  fc.tuple(garbage, garbage).map((pair) => Buffer.from(JSON.stringify(pair)).toString('base64url')),
  fc.tuple(fc.date({ noInvalidDate: true }), fc.uuid()).map(([d, id]) => Buffer.from(JSON.stringify([d.toISOString(), id])).toString('base64url')),
  fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v) ?? '').toString('base64url')),
  rawText.map(encode),
);

function queryArbitrary(op: Operation, schemas: SchemaArbitraries): fc.Arbitrary<string> {
  const params = op.parameters.filter((p) => p.in === 'query');
  const pairs = params.map((p) => {
    const value = p.name === 'cursor' ? cursor : fc.oneof(schemas.valid(p.schema ?? {}).map((v) => encode(String(v))), encoded);
    return fc.option(value.map((v) => `${p.name}=${v}`), { nil: undefined });
  });
  const extra = sometimes(fc.oneof(fc.tuple(rawText, encoded).map(([k, v]) => `${encode(k)}=${v}`), fc.constantFrom('limit=1&limit=2', 'cursor', '=', '&&', '%zz=1', 'a[b]=1')), 5);
  return fc.tuple(fc.tuple(...pairs), extra).map(([chosen, more]) => {
    const parts = [...chosen, more].filter((p): p is string => p !== undefined);
    return parts.length ? `?${parts.join('&')}` : '';
  });
}

function pathArbitrary(op: Operation): fc.Arbitrary<string> {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const param = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...ids) }, { weight: 4, arbitrary: fc.uuid() }, { weight: 4, arbitrary: encoded }, { weight: 1, arbitrary: fc.constant('x'.repeat(3000)) });
  return fc.tuple(...names.map(() => param)).map((values) => names.reduce((path, name, i) => path.replace(`{${name}}`, values[i] || 'x'), op.path));
}

const headerText = fc.oneof(fc.constantFrom('', ' ', 'x'.repeat(256), 'x'.repeat(8_000), 'a b', 'clé', '\u00ff'), fc.string({ maxLength: 40 }), fc.uuid());

/** A key not used before (fast-check's UUIDs repeat on purpose; a reused key is its own, tested, 422). */
let keysIssued = 0;
const freshKey = fc.uuid().map((id) => `${id}-${++keysIssued}`);

function headersArbitrary(op: Operation): fc.Arbitrary<Record<string, string>> {
  const [admin, orgAdmin] = keys;
  const authorization = fc.oneof(
    { weight: 8, arbitrary: fc.constant(op.path.startsWith('/v1/organizations') ? admin! : orgAdmin!) },
    { weight: 4, arbitrary: fc.constantFrom(...keys) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('', 'Bearer', 'Bearer ', 'Basic YTpi', `${orgAdmin}x`, `bearer ${orgAdmin}`, 'x'.repeat(5000)) },
    { weight: 1, arbitrary: headerText },
  ).map((key) => (key === undefined ? undefined : keys.includes(key) || key === `${orgAdmin}x` ? `Bearer ${key}` : key));
  const contentType = fc.constantFrom('application/json; charset=utf-8', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/problem+json', 'garbage', '');
  const idempotent = op.parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key');
  return fc
    .record({
      authorization,
      'content-type': sometimes(contentType, 8),
      'idempotency-key': idempotent ? sometimes(fc.oneof({ weight: 3, arbitrary: freshKey }, { weight: 1, arbitrary: headerText }), 2) : sometimes(headerText, 10),
      accept: sometimes(fc.constantFrom('application/json', '*/*', 'text/html', 'garbage'), 10),
      'content-encoding': sometimes(fc.constantFrom('gzip', 'br', 'identity', 'garbage'), 10),
    })
    .map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<string, string>);
}

const rawBodies = fc.constantFrom<string>('{', '}', 'null', '[]', '"text"', '1', 'true', '{"__proto__":{"a":1}}', '{"constructor":{"prototype":{"a":1}}}', '\u0000', '{"a":"\\u0000"}', '{"a":"\\ud800"}', `${'['.repeat(20_000)}${']'.repeat(20_000)}`, 'x'.repeat(1_100_000));

interface FuzzRequest extends RequestOptions {
  headers: Record<string, string>;
}

/** Upload routes (multipart/form-data in the document): file parts of CSV-looking text or garbage, an optional mapping field, or broken multipart. */
const isUpload = (op: Operation) => Boolean(doc.paths[op.path]?.[op.method.toLowerCase()]?.requestBody?.content?.['multipart/form-data']);
const csvLike = fc.oneof(
  fc.constantFrom('telefon;ad\n0555 123 45 67;Ayşe\n', 'phone\n', '', 'ad\nAyşe\n', 'phone,name\n"unclosed,x\n', '\uFEFFGSM\tİsim\n+905551234567\t=cmd\n'),
  fc.array(fc.array(rawText, { maxLength: 4 }).map((cells) => cells.join(';')), { maxLength: 6 }).map((rows) => ['telefon;ad', ...rows].join('\n')),
  rawText,
);
const mappingField = fc.oneof(fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? 'null'), fc.record({ phone: rawText, name: fc.option(rawText, { nil: undefined }) }).map((m) => JSON.stringify(m)), rawText);
const uploadBody = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(csvLike, sometimes(mappingField, 3), fc.constantFrom('file', 'file', 'upload')).map(([bytes, mapping, field]) => multipartBody({ bytes, field }, mapping === undefined ? {} : { mapping })) },
  { weight: 1, arbitrary: sometimes(mappingField, 2).map((mapping) => multipartBody(null, mapping === undefined ? {} : { mapping })) },
  { weight: 1, arbitrary: rawText.map((text) => ({ payload: Buffer.from(`--b\r\n${text}`), contentType: 'multipart/form-data; boundary=b' })) },
);

function uploadArbitrary(op: Operation): fc.Arbitrary<FuzzRequest> {
  return fc.record({ path: pathArbitrary(op), headers: headersArbitrary(op), upload: uploadBody, keepType: fc.boolean() }).map(({ path, headers, upload, keepType }) => ({
    method: op.method,
    url: path,
    headers: keepType || !headers['content-type'] ? { ...headers, 'content-type': upload.contentType } : headers,
    rawBody: upload.payload.toString('utf8'),
  }));
}

function requestArbitrary(op: Operation, schemas: SchemaArbitraries): fc.Arbitrary<FuzzRequest> {
  if (isUpload(op)) return fc.oneof({ weight: 4, arbitrary: uploadArbitrary(op) }, { weight: 1, arbitrary: jsonRequestArbitrary(op, schemas) });
  return jsonRequestArbitrary(op, schemas);
}

function jsonRequestArbitrary(op: Operation, schemas: SchemaArbitraries): fc.Arbitrary<FuzzRequest> {
  const body = fc.oneof(
    { weight: op.body ? 8 : 1, arbitrary: op.body ? schemas.body(op.body).map((b) => ({ rawBody: JSON.stringify(b) ?? 'null' })) : garbage.map((b) => ({ rawBody: JSON.stringify(b) ?? 'null' })) },
    { weight: 1, arbitrary: rawBodies.map((rawBody) => ({ rawBody })) },
    { weight: op.body ? 1 : 6, arbitrary: fc.constant({}) },
  );
  return fc.record({ path: pathArbitrary(op), query: queryArbitrary(op, schemas), headers: headersArbitrary(op), body }).map(({ path, query, headers, body }) => ({
    method: op.method,
    url: `${path}${query}`,
    headers: 'rawBody' in body ? { 'content-type': 'application/json', ...headers } : headers,
    ...body,
  }));
}

function describeRequest(req: FuzzRequest): string {
  const cut = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);
  return `${req.method} ${cut(req.url)} headers=${cut(JSON.stringify(req.headers))} body=${cut(JSON.stringify(req.rawBody ?? null))}`;
}

describe('OpenAPI-driven fuzzing: api-gateway → NATS → telephony-gateway, dialer-orchestrator, campaign, billing', () => {
  it(
    'never answers 5xx, and writes nothing on a 4xx, for any request to any operation',
    async () => {
      // GET /v1/events/stream is left out: a request that passes its checks never ends (an endless
      // text/event-stream), which app.inject would wait on; test/events-stream.int-spec.ts drives it.
      const operations = operationsOf(doc).filter((op) => !(op.method === 'GET' && op.path === '/v1/events/stream'));
      expect(operations.length).toBeGreaterThanOrEqual(16);
      const schemas = new SchemaArbitraries(doc, ids);
      const statuses: Record<string, Record<number, number>> = {};
      const retried: string[] = [];
      // FUZZ_OPS="POST /v1/tickets,GET /v1/agents" runs only those (each keeps its seed, SEED + its index).
      const only = process.env.FUZZ_OPS?.split(',').map((s) => s.trim());
      const chosen = operations.filter((op) => !only || only.includes(`${op.method} ${op.path}`));
      for (const [index, op] of operations.entries()) {
        if (!chosen.includes(op)) continue;
        const property = fc.asyncProperty(requestArbitrary(op, schemas), async (req) => {
          const before = await rowCounts();
          let res = await gw.request(req);
          // 503 says "nothing ran, retry": a client retries it, and so does the fuzz, once — on this
          // shared machine a pool can be busy for a moment; an input that always answers 503 fails.
          if (res.statusCode === 503 && res.json<{ code?: string }>().code === 'SERVICE_UNAVAILABLE') {
            retried.push(`${op.method} ${op.path}`);
            await new Promise((r) => setTimeout(r, 2_000));
            res = await gw.request(req);
          }
          const tally = (statuses[`${op.method} ${op.path}`] ??= {});
          tally[res.statusCode] = (tally[res.statusCode] ?? 0) + 1;
          const what = `${describeRequest(req)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
          if (res.statusCode >= 500) throw new Error(`5xx: ${what}`);
          if (res.statusCode >= 400) expect({ what, counts: await rowCounts() }).toEqual({ what, counts: before });
        });
        const result = await fc.check(property, { seed: SEED + index, numRuns: RUNS });
        if (result.failed) {
          const error = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
          throw new Error(
            `${op.method} ${op.path} failed after ${result.numRuns} runs (shrunk ${result.numShrinks} times): ${error}\n` +
              `Reproduce with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} (this operation's seed ${result.seed}, fast-check path ${result.counterexamplePath})`,
          );
        }
      }
      // Not vacuous: every operation was reached past authentication and parsing, to its own rules or further.
      const reached = (tally: Record<number, number>) => Object.keys(tally).some((status) => ![400, 401, 403, 413, 414, 415].includes(Number(status)));
      expect(chosen.filter((op) => !reached(statuses[`${op.method} ${op.path}`] ?? {})).map((op) => `${op.method} ${op.path}`)).toEqual([]);
      if (process.env.FUZZ_DEBUG) console.log(JSON.stringify(statuses));
      if (retried.length) console.log(`503 SERVICE_UNAVAILABLE retried once (then answered below 500): ${retried.join(", ")}`);
    },
    Math.max(120_000, RUNS * 20 * 200),
  );
});

describe('bad input that reaches the telephony-gateway', () => {
  it('answers 400 INVALID_CURSOR for a cursor that decodes to a non-date and a non-UUID', async () => {
    const org = await gw.createOrg();
    // ["x","nope"]
    expectProblem(await gw.request({ method: 'GET', url: '/v1/provider-accounts?cursor=WyJ4Iiwibm9wZSJd', key: org.key }), 400, 'INVALID_CURSOR');
    const forged = Buffer.from('["2026-13-45T99:99:99Z","0190ffff-0000-7000-8000-000000000000"]').toString('base64url');
    expectProblem(await gw.request({ method: 'GET', url: `/v1/provider-accounts?cursor=${forged}`, key: org.key }), 400, 'INVALID_CURSOR');
  });

  it('refuses NUL and unpaired surrogates in a provider account, nested settings keys included: 422 naming the field, nothing written', async () => {
    const org = await gw.createOrg();
    const before = await rowCounts();
    const create = (body: Record<string, unknown>) => gw.request({ method: 'POST', url: '/v1/provider-accounts', key: org.key, body });
    const fieldsOf = async (body: Record<string, unknown>) =>
      (expectProblem(await create(body), 422, 'VALIDATION_FAILED').errors as Array<{ field: string }>).map((e) => e.field);
    await expect(fieldsOf({ type: 'simulator', name: 'a\u0000' })).resolves.toEqual(['name']);
    await expect(fieldsOf({ type: 'simulator', name: 'ok', settings: { ['label\u0000']: 1 } })).resolves.toEqual(['settings']);
    await expect(fieldsOf({ type: 'simulator', name: 'ok', settings: { nested: { label: 'x\uD800' } } })).resolves.toEqual(['settings.nested.label']);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses the same over NATS directly: the telephony-gateway answers VALIDATION_FAILED and writes nothing', async () => {
    const org = await gw.createOrg();
    const before = await rowCounts();
    const subject = `${gw.subjectPrefix}.${Rpc.Telephony.ProviderAccountCreate}`;
    const payload = { organizationId: org.id, type: 'simulator', name: 'Direct', settings: { ['k\u0000']: 'v' } };
    const reply = decodeJson<{ ok: boolean; error?: { code: string; extra?: { errors?: Array<{ field: string }> } } }>((await nc.request(subject, encodeJson(payload), { timeout: 5000 })).data);
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', extra: { errors: [{ field: 'settings' }] } } });
    expect(await rowCounts()).toEqual(before);
  });
});
