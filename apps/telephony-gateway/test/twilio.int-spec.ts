import { v4 as uuidv4 } from 'uuid';
import { CreateProviderAccountUseCase } from '../src/provider-accounts/create-provider-account.use-case';
import { TestProviderAccountUseCase } from '../src/provider-accounts/test-provider-account.use-case';
import { UpdateProviderAccountUseCase } from '../src/provider-accounts/update-provider-account.use-case';
import { ReconcileCallsUseCase } from '../src/reconciler/reconcile-calls.use-case';
import { type GatewayHarness, startGateway } from './support/gateway-harness';
import { TwilioStandIn } from './support/twilio-stand-in';

const SID = `AC${'1'.repeat(32)}`;
const TOKEN = 'twilio-auth-token-for-tests';

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
      organizationId: h.orgId, type: 'twilio', name: 'Twilio', settings: { machineDetection: true }, secrets: { accountSid: SID, authToken: TOKEN },
    });
    accountId = account.id;
    expect(account.webhookUrl).toBe(`${h.baseUrl}/webhooks/twilio/${accountId}/status`);
  });

  afterAll(async () => {
    await h?.close();
    await twilio?.app.close();
  });

  const originate = async (to: string) => {
    const callId = uuidv4();
    await h.sendCommand('telephony.call.originate.v1', { organizationId: h.orgId, callId, attempt: 1, kind: 'campaign', providerAccountId: accountId, from: '+15005550006', to, ringTimeoutSeconds: 25, record: false });
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
    await h.app.get(UpdateProviderAccountUseCase).execute({ organizationId: h.orgId, id: accountId, secrets: { authToken: 'wrong' } });
    await expect(test.execute({ organizationId: h.orgId, id: accountId })).resolves.toMatchObject({ ok: false });
  });
});
