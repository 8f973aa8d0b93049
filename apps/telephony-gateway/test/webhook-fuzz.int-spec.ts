import { sealForTests } from '@santral/testing';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { CreateProviderAccountUseCase } from '../src/provider-accounts/create-provider-account.use-case';
import { rngFor } from '../src/simulator/simulator-scenario';
import { callGearBody } from './support/callgear-bodies';
import { type GatewayHarness, startGateway } from './support/gateway-harness';

const SID = `AC${'2'.repeat(32)}`;
const TOKEN = 'fuzz-auth-token';
const CALLGEAR_EVENTS = ['handset', 'endleg', 'end', 'recording', 'legout', 'callout'];
const TWILIO_EVENTS = ['voice', 'recording', 'transcription'];

type Rnd = () => number;
const pick = <T>(r: Rnd, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const WEIRD: unknown[] = [null, '', ' ', 0, -1, 1e308, -0.5, 2 ** 53, 'NaN', true, false, [], {}, [1, 'a', null], { a: { b: { c: [] } } }, 'x'.repeat(70_000), '\u0000', 'a\u0000b', '💥🇹🇷', '<script>', '../../etc/passwd', '2024-13-45 99:99:99', '1e5', '-5', 'DROP TABLE outbox;'];

function mutateValue(r: Rnd, v: unknown, depth = 0): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v) && depth < 3 && r() < 0.6) return mutateObject(r, v as Record<string, unknown>, depth + 1);
  return pick(r, WEIRD);
}

function mutateObject(r: Rnd, o: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = { ...o };
  const keys = Object.keys(out);
  const n = 1 + Math.floor(r() * 3);
  for (let i = 0; i < n; i++) {
    const k = pick(r, keys);
    const op = r();
    if (op < 0.3) delete out[k];
    else if (op < 0.9) out[k] = mutateValue(r, out[k], depth);
    else out[`extra_${i}`] = pick(r, WEIRD);
  }
  return out;
}

function mutateText(r: Rnd, text: string): string {
  const op = r();
  if (op < 0.3) return text.slice(0, Math.floor(r() * text.length));
  if (op < 0.5) return text.replace(/[{}[\]":,]/, pick(r, ['', '}', '"', '\\']));
  if (op < 0.6) return Buffer.from(Array.from({ length: 64 }, () => Math.floor(r() * 256))).toString('latin1');
  return `${text}${pick(r, ['', '}', ']]', '\u0000', 'garbage'])}`;
}

/** ≥ 1,000 mutated CallGear and Twilio (status, voice, recording, transcription) payloads: never a 5xx, never a half-written webhook. */
describe('webhook fuzz', () => {
  let h: GatewayHarness;
  let callgearUrl: string;
  let twilioUrl: string;

  beforeAll(async () => {
    h = await startGateway('tg_fuzz');
    const create = h.app.get(CreateProviderAccountUseCase);
    callgearUrl = (await create.execute({ organizationId: h.orgId, type: 'callgear', name: 'cg', settings: { defaultCountry: 'TR' }, sealedSecrets: sealForTests(h.orgId, { apiKey: 'k' }) })).webhookUrl;
    twilioUrl = (await create.execute({ organizationId: h.orgId, type: 'twilio', name: 'tw', sealedSecrets: sealForTests(h.orgId, { accountSid: SID, authToken: TOKEN }) })).webhookUrl;
  });

  afterAll(async () => {
    await h?.close();
  });

  function callgearCase(r: Rnd, i: number): { url: string; init: RequestInit } {
    const event = r() < 0.9 ? pick(r, CALLGEAR_EVENTS) : pick(r, ['hangup', '..', 'END', '%00']);
    const base = callGearBody(event === 'hangup' ? 'end' : event, { session: 9000 + (i % 50), direction: pick(r, ['in', 'out'] as const), employeeId: 7, legId: i, talk: 5, total: 9, fileLink: 'https://x/y.mp3' });
    const body = r() < 0.8 ? JSON.stringify(mutateObject(r, base)) : mutateText(r, JSON.stringify(base));
    return { url: `${callgearUrl}/${event}`, init: { method: 'POST', headers: { 'content-type': pick(r, ['application/json', 'text/plain', 'application/x-www-form-urlencoded']) }, body } };
  }

  const twilioSid = (prefix: string, n: number) => `${prefix}${n.toString(16).padStart(32, '0')}`;

  /** One Twilio webhook body per event; `voice` gets a CallSid of its own, so every 2xx TwiML answer is a fresh receipt. */
  function twilioBase(r: Rnd, event: string, i: number): Record<string, unknown> {
    const callSid = twilioSid('CA', 1000 + (i % 40));
    switch (event) {
      case 'voice':
        return { AccountSid: SID, CallSid: twilioSid('CA', 100_000 + i), From: pick(r, ['+905321234567', '905321234567', 'anonymous', '']), To: '+902125550000', CallStatus: 'ringing', Direction: pick(r, ['inbound', 'inbound', 'outbound-api']) };
      case 'recording':
        return { AccountSid: SID, CallSid: callSid, RecordingSid: twilioSid('RE', i % 60), RecordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC/Recordings/RE1', RecordingStatus: pick(r, ['completed', 'absent', 'failed', 'in-progress', 'exploded']), RecordingDuration: '12', RecordingChannels: '1' };
      case 'transcription':
        return { AccountSid: SID, CallSid: callSid, TranscriptionSid: twilioSid('TR', i % 60), TranscriptionText: 'merhaba', TranscriptionStatus: pick(r, ['completed', 'failed', 'in-progress', 'done']), RecordingSid: twilioSid('RE', i % 60) };
      default:
        return { CallSid: callSid, CallStatus: pick(r, ['initiated', 'ringing', 'in-progress', 'completed', 'busy', 'no-answer', 'failed', 'canceled', 'exploded']), CallDuration: '12', AnsweredBy: 'human', SipResponseCode: '486', Direction: 'outbound-api', SequenceNumber: String(i) };
    }
  }

  function twilioCase(r: Rnd, i: number): { url: string; init: RequestInit } {
    const e = r();
    const event = e < 0.55 ? 'status' : e < 0.97 ? pick(r, TWILIO_EVENTS) : pick(r, ['gather', 'Voice', '%00']);
    const mutated = mutateObject(r, twilioBase(r, event, i));
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(mutated)) params[k] = typeof v === 'string' ? v : JSON.stringify(v) ?? '';
    const url = `${twilioUrl.replace(/\/status$/, `/${event}`)}?callId=${pick(r, ['0b7e3c8e-5a7f-4f7e-9d52-1f1c4a9b2a11', 'not-a-uuid', ''])}`;
    const signed = r() < 0.8;
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signed ? getExpectedTwilioSignature(TOKEN, url, params) : 'Zm9yZ2Vk' };
    const body = r() < 0.9 ? new URLSearchParams(params).toString() : mutateText(r, new URLSearchParams(params).toString());
    return { url, init: { method: 'POST', headers, body } };
  }

  it('answers every mutated payload with 2xx or 4xx and writes nothing for the 4xx ones', async () => {
    const r = rngFor(20240406, 'fuzz');
    const receiptsBefore = await h.count('webhook_receipts');
    const statuses: number[] = [];
    let accepted = 0;
    let twiml = 0;
    for (let batch = 0; batch < 24; batch++) {
      const cases = Array.from({ length: 50 }, (_, j) => (j % 2 === 0 ? callgearCase(r, batch * 50 + j) : twilioCase(r, batch * 50 + j)));
      const results = await Promise.all(cases.map(async (c) => {
        const res = await fetch(c.url, c.init);
        return { status: res.status, body: await res.text(), twiml: res.status === 200 && (res.headers.get('content-type') ?? '').startsWith('text/xml') };
      }));
      for (const res of results) {
        statuses.push(res.status);
        if (res.body.includes('"accepted"') || res.twiml) accepted++;
        if (res.twiml) twiml++;
      }
    }
    expect(statuses).toHaveLength(1200);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s >= 400).length).toBeGreaterThan(300);
    expect(accepted).toBeGreaterThan(50);
    expect(twiml).toBeGreaterThan(10);
    const events: Array<{ event: string }> = await h.db.dataSource.query(`SELECT DISTINCT event FROM webhook_receipts`);
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['status', 'voice', 'recording', 'transcription']));
    expect(await h.count('webhook_receipts')).toBe(receiptsBefore + accepted);
    const orphans = await h.db.dataSource.query(`SELECT count(*)::int AS n FROM telephony_calls c WHERE NOT EXISTS (SELECT 1 FROM provider_call_refs r WHERE r.call_id = c.call_id)`);
    expect(orphans[0].n).toBe(0);
    const health = await fetch(`${h.baseUrl}/webhooks/callgear/${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}/end`, { method: 'POST', body: '{}' });
    expect(health.status).toBe(404);
  });
});
