import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { v4 as uuidv4 } from 'uuid';
import { streamName } from '@santral/contracts';
import { waitFor, sealForTests } from '@santral/testing';
import { CreateProviderAccountUseCase } from '../src/provider-accounts/create-provider-account.use-case';
import { TestProviderAccountUseCase } from '../src/provider-accounts/test-provider-account.use-case';
import { UpdateProviderAccountUseCase } from '../src/provider-accounts/update-provider-account.use-case';
import { ReconcileCallsUseCase } from '../src/reconciler/reconcile-calls.use-case';
import { derivedCallId } from '../src/webhooks/webhook-batch.writer';
import { type GatewayHarness, startGateway } from './support/gateway-harness';
import { TwilioStandIn } from './support/twilio-stand-in';

const SID = `AC${'1'.repeat(32)}`;
const TOKEN = 'twilio-auth-token-for-tests';
const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

/** The Twilio adapter against a local stand-in of the Calls REST API and its signed status callbacks. */
describe('Twilio adapter', () => {
  let h: GatewayHarness;
  let twilio: TwilioStandIn;
  let accountId: string;

  beforeAll(async () => {
    twilio = new TwilioStandIn(SID, TOKEN);
    await twilio.listen();
    h = await startGateway('tg_twilio', { TWILIO_API_BASE_URL: twilio.url });
    const account = await h.app.get(CreateProviderAccountUseCase).execute({
      organizationId: h.orgId, type: 'twilio', name: 'Twilio', settings: { machineDetection: true }, sealedSecrets: sealForTests(h.orgId, { accountSid: SID, authToken: TOKEN }),
    });
    accountId = account.id;
    expect(account.webhookUrl).toBe(`${h.baseUrl}/webhooks/twilio/${accountId}/status`);
  });

  afterAll(async () => {
    await h?.close();
    await twilio?.app.close();
  });

  const originate = async (to: string, record = false) => {
    const callId = uuidv4();
    await h.sendCommand('telephony.call.originate.v1', { organizationId: h.orgId, callId, attempt: 1, kind: 'campaign', providerAccountId: accountId, from: '+15005550006', to, ringTimeoutSeconds: 25, record });
    return callId;
  };

  it('answered by a human: initiated → ringing → answered → ended (completed)', async () => {
    const callId = await originate('+14155550005');
    const ended = await h.waitForEvent(callId, 'telephony.call.ended.v1');
    expect((await h.events(callId)).map((e) => e.type)).toEqual(['telephony.call.initiated.v1', 'telephony.call.ringing.v1', 'telephony.call.answered.v1', 'telephony.call.ended.v1']);
    expect(ended.data).toMatchObject({ provider: 'twilio', talkSeconds: 12, endReason: { status: 'ended', reason: 'completed', billable: true, providerCode: 'completed' } });
  });

  it('busy maps to busy with the SIP cause; AMD machine maps to voicemail', async () => {
    const busy = await originate('+14155550001');
    await expect(h.waitForEvent(busy, 'telephony.call.ended.v1')).resolves.toMatchObject({ data: { endReason: { status: 'busy', reason: 'busy', sipCause: 486 } } });
    const vm = await originate('+14155550004');
    await expect(h.waitForEvent(vm, 'telephony.call.ended.v1')).resolves.toMatchObject({ data: { endReason: { reason: 'voicemail' } } });
  });

  it('a number Twilio refuses ends the call at once with the provider code', async () => {
    const callId = await originate('+14155550008');
    await expect(h.waitForEvent(callId, 'telephony.call.ended.v1')).resolves.toMatchObject({ data: { endReason: { status: 'failed', reason: 'invalid_number', fault: 'configuration', providerCode: '21211' } } });
  });

  it('a forged X-Twilio-Signature → 401 and nothing stored', async () => {
    const before = await h.count('webhook_receipts');
    const res = await fetch(`${h.baseUrl}/webhooks/twilio/${accountId}/status?callId=${uuidv4()}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJl' }, body: 'CallSid=CA1&CallStatus=completed',
    });
    expect(res.status).toBe(401);
    expect(await h.count('webhook_receipts')).toBe(before);
  });

  it('a captured status callback re-sent with a new I-Twilio-Idempotency-Token (not signed) is a duplicate', async () => {
    const callId = uuidv4();
    const url = `${h.baseUrl}/webhooks/twilio/${accountId}/status?callId=${callId}`;
    const params = { AccountSid: SID, CallSid: sid('CA'), CallStatus: 'in-progress', Direction: 'outbound-api', Timestamp: new Date().toUTCString(), SequenceNumber: '3', AnsweredBy: 'human' };
    await expect(twilio.post(url, params, { headers: { 'i-twilio-idempotency-token': 'token-1' } })).resolves.toMatchObject({ status: 200, body: '{"status":"accepted"}' });
    const receipts = await h.count('webhook_receipts');
    await expect(twilio.post(url, params, { headers: { 'i-twilio-idempotency-token': 'token-2' } })).resolves.toMatchObject({ status: 200, body: '{"status":"duplicate"}' });
    await expect(twilio.post(url, params)).resolves.toMatchObject({ status: 200, body: '{"status":"duplicate"}' });
    expect(await h.count('webhook_receipts')).toBe(receipts);
    expect((await h.events(callId)).map((e) => e.type)).toEqual(['telephony.call.answered.v1']);
    // What the signature covers still tells callbacks apart: the next one in sequence is new.
    await expect(twilio.post(url, { ...params, SequenceNumber: '4', CallStatus: 'completed', CallDuration: '5' })).resolves.toMatchObject({ body: '{"status":"accepted"}' });
  });

  it('a silent call is closed by the reconciler with the provider answer', async () => {
    const callId = await originate('+14155550006');
    await h.waitForEvent(callId, 'telephony.call.initiated.v1');
    await new Promise((r) => setTimeout(r, 300));
    await expect(h.app.get(ReconcileCallsUseCase).execute({ now: new Date(Date.now() + 3 * 3600_000) })).resolves.toMatchObject({ closedByProvider: 1 });
    await expect(h.waitForEvent(callId, 'telephony.call.ended.v1')).resolves.toMatchObject({ data: { talkSeconds: 12, endReason: { reason: 'completed' } } });
  });

  it('POST /test checks the credentials against the provider', async () => {
    const test = h.app.get(TestProviderAccountUseCase);
    await expect(test.execute({ organizationId: h.orgId, id: accountId })).resolves.toMatchObject({ ok: true });
    await h.app.get(UpdateProviderAccountUseCase).execute({ organizationId: h.orgId, id: accountId, sealedSecrets: sealForTests(h.orgId, { authToken: 'wrong' }) });
    await expect(test.execute({ organizationId: h.orgId, id: accountId })).resolves.toEqual({ ok: false, reason: 'credentials_rejected', testedAt: expect.any(String) });
    await h.app.get(UpdateProviderAccountUseCase).execute({ organizationId: h.orgId, id: accountId, sealedSecrets: sealForTests(h.orgId, { authToken: TOKEN }) });
  });
  describe('the rest of what a Twilio account sends (voice, recording, transcription)', () => {
    let inboundId: string;
    let base: string;
    const DID = '+902125550000';

    beforeAll(async () => {
      const account = await h.app.get(CreateProviderAccountUseCase).execute({
        organizationId: h.orgId, type: 'twilio', name: 'Twilio inbound',
        settings: { defaultCountry: 'TR', inboundGreeting: 'Merhaba, sizi bağlıyoruz', inboundLanguage: 'tr-TR', inboundQueue: 'santral-test' },
        sealedSecrets: sealForTests(h.orgId, { accountSid: SID, authToken: TOKEN }),
      });
      inboundId = account.id;
      base = `${h.baseUrl}/webhooks/twilio/${inboundId}`;
    });

    const incoming = (callSid: string, from = '905321234567') => ({ AccountSid: SID, CallSid: callSid, From: from, To: DID, CallStatus: 'ringing', Direction: 'inbound', ApiVersion: '2010-04-01' });
    const counts = async () => ({ receipts: await h.count('webhook_receipts'), outbox: await h.count('outbox'), calls: await h.count('telephony_calls') });

    /** The fact as relayed to JetStream (the last message on its subject). */
    const streamed = async (type: string, callId: string) => {
      const jsm = await jetstreamManager(h.nc);
      return waitFor(async () => {
        const msg = await jsm.streams.getMessage(streamName("Events", h.prefix), { last_by_subj: `${h.prefix}.${type}` }).catch(() => null);
        const env = msg?.json<{ subject: string; data: Record<string, unknown> }>();
        return env?.subject === callId ? env : undefined;
      }, 15_000, `${type} on the stream`, 50);
    };

    it('an incoming call: TwiML answer (text/xml), inbound.received with E.164 numbers, then ended by its status callback', async () => {
      const callSid = sid('CA');
      const callId = derivedCallId(inboundId, callSid);
      const res = await twilio.post(`${base}/voice`, incoming(callSid));
      expect(res.status).toBe(200);
      expect(res.contentType).toMatch(/^text\/xml/);
      expect(res.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Say language="tr-TR">Merhaba, sizi bağlıyoruz</Say><Enqueue>santral-test</Enqueue></Response>');
      const received = await h.waitForEvent(callId, 'telephony.inbound.received.v1');
      expect(received.data).toMatchObject({ organizationId: h.orgId, providerAccountId: inboundId, provider: 'twilio', providerCallId: callSid, from: '+905321234567', rawFrom: '905321234567', to: DID });
      await expect(streamed('telephony.inbound.received.v1', callId)).resolves.toMatchObject({ data: { from: '+905321234567', to: DID } });
      const [row] = await h.db.dataSource.query(`SELECT direction, from_number, to_number FROM telephony_calls WHERE call_id = $1`, [callId]);
      expect(row).toEqual({ direction: 'inbound', from_number: '905321234567', to_number: DID });

      const done = await twilio.post(`${base}/status`, { AccountSid: SID, CallSid: callSid, CallStatus: 'completed', Direction: 'inbound', CallDuration: '30', From: '905321234567', To: DID });
      expect(done).toMatchObject({ status: 200, body: '{"status":"accepted"}' });
      await expect(h.waitForEvent(callId, 'telephony.call.ended.v1')).resolves.toMatchObject({ data: { direction: 'inbound', talkSeconds: 30, endReason: { reason: 'completed' } } });
      expect((await h.events(callId)).map((e) => e.type)).toEqual(['telephony.inbound.received.v1', 'telephony.call.ended.v1']);
    });

    it('a replayed incoming-call webhook gets the same TwiML and changes nothing', async () => {
      const callSid = sid('CA');
      const first = await twilio.post(`${base}/voice`, incoming(callSid));
      await h.waitForEvent(derivedCallId(inboundId, callSid), 'telephony.inbound.received.v1');
      const before = await counts(); // the answer comes after the commit, so these are settled
      const again = await twilio.post(`${base}/voice`, incoming(callSid));
      expect(again).toEqual(first);
      expect(await counts()).toEqual(before);
      expect(await h.events(derivedCallId(inboundId, callSid))).toHaveLength(1);
    });

    it('a recorded outbound call: the originate asks for recording callbacks, recording.completed carries url and duration, a retry is a duplicate', async () => {
      const callId = await originate('+14155550005', true);
      const rec = await h.waitForEvent(callId, 'telephony.recording.completed.v1');
      const call = [...twilio.calls.values()].find((c) => String(c.form.StatusCallback).endsWith(callId))!;
      expect(call.form).toMatchObject({ Record: 'true', RecordingStatusCallback: `${h.baseUrl}/webhooks/twilio/${accountId}/recording?callId=${callId}`, RecordingStatusCallbackEvent: ['completed', 'absent'] });
      const sent = twilio.recordings.get(call.sid)!;
      expect(rec.data).toEqual({
        organizationId: h.orgId, callId, providerAccountId: accountId, provider: 'twilio', providerCallId: call.sid,
        providerRecordingId: sent.params.RecordingSid, url: sent.params.RecordingUrl, durationSeconds: 11,
      });
      await expect(streamed('telephony.recording.completed.v1', callId)).resolves.toMatchObject({ data: { url: sent.params.RecordingUrl, durationSeconds: 11 } });
      const before = await counts();
      await expect(twilio.post(sent.url, sent.params)).resolves.toMatchObject({ status: 200, body: '{"status":"duplicate"}' });
      expect(await counts()).toEqual(before);
    });

    it('a recording that is absent or failed is kept as a receipt and publishes nothing', async () => {
      const callSid = sid('CA');
      const callId = uuidv4();
      const before = await counts();
      for (const RecordingStatus of ['absent', 'failed']) {
        const res = await twilio.post(`${base}/recording?callId=${callId}`, { AccountSid: SID, CallSid: callSid, RecordingSid: sid('RE'), RecordingStatus, RecordingDuration: '0', ErrorCode: '13617' });
        expect(res).toMatchObject({ status: 200, body: '{"status":"accepted"}' });
      }
      expect(await counts()).toEqual({ ...before, receipts: before.receipts + 2 });
      expect(await h.events(callId)).toEqual([]);
    });

    it('a transcription: one customer segment and transcript.completed; a retry is a duplicate', async () => {
      const callSid = sid('CA');
      const callId = derivedCallId(inboundId, callSid);
      await twilio.post(`${base}/voice`, incoming(callSid, '+905551112233'));
      const params = {
        AccountSid: SID, CallSid: callSid, TranscriptionSid: sid('TR'), TranscriptionText: 'Siparişim gelmedi, lütfen arayın.', TranscriptionStatus: 'completed',
        TranscriptionUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC/Transcriptions/TR1', RecordingSid: sid('RE'), RecordingUrl: 'https://api.twilio.com/rec', From: '+905551112233', To: DID, Direction: 'inbound',
      };
      await expect(twilio.post(`${base}/transcription`, params)).resolves.toMatchObject({ status: 200, body: '{"status":"accepted"}' });
      const completed = await h.waitForEvent(callId, 'telephony.transcript.completed.v1');
      expect(completed.data).toEqual({ organizationId: h.orgId, callId, segmentCount: 1 });
      const segment = (await h.events(callId)).find((e) => e.type === 'telephony.transcript.segment_received.v1');
      expect(segment?.data).toMatchObject({ callId, seq: 0, speaker: 'customer', text: 'Siparişim gelmedi, lütfen arayın.' });
      await expect(streamed('telephony.transcript.completed.v1', callId)).resolves.toMatchObject({ data: { segmentCount: 1 } });
      const before = await counts();
      await expect(twilio.post(`${base}/transcription`, params)).resolves.toMatchObject({ status: 200, body: '{"status":"duplicate"}' });
      expect(await counts()).toEqual(before);
    });

    it.each(['voice', 'recording', 'transcription'])('%s with a forged X-Twilio-Signature → 401 and nothing stored', async (event) => {
      const before = await counts();
      const params = { AccountSid: SID, CallSid: sid('CA'), From: '+905321234567', To: DID, Direction: 'inbound', RecordingSid: sid('RE'), RecordingStatus: 'completed', RecordingUrl: 'https://x/r', TranscriptionSid: sid('TR'), TranscriptionStatus: 'completed', TranscriptionText: 'x' };
      const forged = await twilio.post(`${base}/${event}`, params, { signature: 'bm90IGEgc2lnbmF0dXJl' });
      expect(forged.status).toBe(401);
      expect(forged.contentType).toMatch(/problem\+json/);
      // Signed for another URL (another account's webhook) is just as forged.
      const replayed = await twilio.post(`${base}/${event}`, params, { signature: getExpectedTwilioSignature(TOKEN, `${h.baseUrl}/webhooks/twilio/${accountId}/${event}`, params) });
      expect(replayed.status).toBe(401);
      expect(await counts()).toEqual(before);
    });

    it('an unknown event stays a 404 with its stable code, even when signed', async () => {
      const before = await counts();
      const res = await twilio.post(`${base}/gather`, { AccountSid: SID, CallSid: sid('CA'), Digits: '1' });
      expect(res.status).toBe(404);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'WEBHOOK_EVENT_UNKNOWN' });
      expect(await counts()).toEqual(before);
    });
  });
});
