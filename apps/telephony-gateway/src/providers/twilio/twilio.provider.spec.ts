import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import type { ProviderAccountContext, WebhookRequest } from '../provider.port';
import { TwilioProvider } from './twilio.provider';

const SID = `AC${'1'.repeat(32)}`;
const TOKEN = 'unit-auth-token';
const CA = `CA${'a'.repeat(32)}`;
const BASE = 'https://gw.example/webhooks/twilio/01a20155-d5d0-76cc-8b6f-052ce8a9149b';
const CALL_ID = '0b7e3c8e-5a7f-4f7e-9d52-1f1c4a9b2a11';

const account = (settings: Record<string, unknown> = {}): ProviderAccountContext => ({
  id: '01a20155-d5d0-76cc-8b6f-052ce8a9149b', organizationId: CALL_ID, type: 'twilio', settings, secrets: { accountSid: SID, authToken: TOKEN }, operatorMap: {}, webhookBaseUrl: BASE,
});

function request(event: string, params: Record<string, string>, opts: { query?: string; signature?: string; contentType?: string } = {}): WebhookRequest {
  const url = `${BASE}/${event}${opts.query ?? ''}`;
  return {
    provider: 'twilio', accountId: account().id, event, url,
    headers: { 'x-twilio-signature': opts.signature ?? getExpectedTwilioSignature(TOKEN, url, params) },
    rawBody: Buffer.from(new URLSearchParams(params).toString()), contentType: opts.contentType ?? 'application/x-www-form-urlencoded', remoteIp: '127.0.0.1',
  };
}

const voice = { CallSid: CA, From: '+14155550123', To: '+14155550100', Direction: 'inbound', CallStatus: 'ringing' };
const recording = { CallSid: CA, RecordingSid: `RE${'b'.repeat(32)}`, RecordingUrl: 'https://api.twilio.com/rec', RecordingStatus: 'completed', RecordingDuration: '7' };
const transcription = { CallSid: CA, TranscriptionSid: `TR${'c'.repeat(32)}`, TranscriptionText: 'hello', TranscriptionStatus: 'completed' };

describe('TwilioProvider webhooks', () => {
  const twilio = new TwilioProvider('https://api.twilio.com');

  it.each([
    ['voice', voice, 'call_seen'],
    ['recording', recording, 'recording'],
    ['transcription', transcription, 'transcript_segment'],
  ] as const)('%s: signed like a status callback and parsed by its own parser', (event, params, kind) => {
    const req = request(event, params, { query: `?callId=${CALL_ID}` });
    expect(twilio.verifyWebhook(account(), req)).toEqual({ ok: true });
    expect(twilio.parseWebhook(account(), req).facts[0]).toMatchObject({ kind });
    const tampered = { ...req, rawBody: Buffer.from(new URLSearchParams({ ...params, CallSid: `CA${'f'.repeat(32)}` }).toString()) };
    expect(twilio.verifyWebhook(account(), tampered)).toEqual({ ok: false, code: 'WEBHOOK_SIGNATURE_INVALID' });
    expect(twilio.verifyWebhook(account(), { ...req, url: `${BASE}/status?callId=${CALL_ID}` })).toEqual({ ok: false, code: 'WEBHOOK_SIGNATURE_INVALID' });
  });

  it('an unknown event or a body that is not a form is refused', () => {
    expect(() => twilio.parseWebhook(account(), request('gather', voice))).toThrow(/unknown event gather/);
    expect(() => twilio.parseWebhook(account(), request('voice', voice, { contentType: 'application/json' }))).toThrow(/form-encoded/);
  });

  it('answers the incoming call with TwiML: hold in the queue by default, nothing special for the callbacks', () => {
    expect(twilio.webhookResponse(account(), 'voice')).toEqual({
      contentType: 'text/xml; charset=utf-8',
      body: '<?xml version="1.0" encoding="UTF-8"?><Response><Enqueue>santral</Enqueue></Response>',
    });
    for (const event of ['status', 'recording', 'transcription', 'nope']) expect(twilio.webhookResponse(account(), event)).toBeUndefined();
  });

  it('greeting, language, queue and recording come from the account settings, escaped', () => {
    const body = twilio.webhookResponse(account({ inboundGreeting: 'Hoş geldiniz <Ali & Co>', inboundLanguage: 'tr-TR', inboundQueue: 'desk"1', record: true, recordingChannels: 'dual' }), 'voice')!.body;
    expect(body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response>'
        + `<Start><Recording recordingStatusCallback="${BASE}/recording" recordingStatusCallbackEvent="completed absent" channels="dual"/></Start>`
        + '<Say language="tr-TR">Hoş geldiniz &#60;Ali &#38; Co&#62;</Say><Enqueue>desk&#34;1</Enqueue></Response>',
    );
  });

  it('settings.inboundTwiml is answered as it is (with the XML declaration)', () => {
    const twiml = '<Response><Dial>+14155550199</Dial></Response>';
    expect(twilio.webhookResponse(account({ inboundTwiml: twiml }), 'voice')!.body).toBe(`<?xml version="1.0" encoding="UTF-8"?>${twiml}`);
  });

  it('validateConfig names every bad inbound/recording setting', () => {
    const secrets = { accountSid: SID, authToken: TOKEN };
    expect(twilio.validateConfig({ inboundGreeting: 'Hi', inboundLanguage: 'en-US', inboundQueue: 'q', inboundTwiml: '<Response/>', record: false, recordingChannels: 'mono' }, secrets)).toEqual([]);
    const problems = twilio.validateConfig({ inboundGreeting: 'x'.repeat(1001), inboundLanguage: 'English', inboundQueue: 'q'.repeat(65), inboundTwiml: '<html/>', record: 'yes', recordingChannels: 'stereo' }, secrets);
    expect(problems.map((p) => p.split(' ')[0])).toEqual(['settings.inboundGreeting', 'settings.inboundLanguage', 'settings.inboundQueue', 'settings.inboundTwiml', 'settings.record', 'settings.recordingChannels']);
  });
});

describe('TwilioProvider originate and recording', () => {
  const twilio = new TwilioProvider('https://api.twilio.com');
  const req = { callId: CALL_ID, attempt: 1, from: '+15005550006', to: '+14155550005', ringTimeoutSeconds: 25 };
  let forms: URLSearchParams[];

  beforeEach(() => {
    forms = [];
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
      forms.push(new URLSearchParams(String(init?.body)));
      return new Response(JSON.stringify({ sid: CA }), { status: 201, headers: { 'content-type': 'application/json' } });
    });
  });

  afterEach(() => jest.restoreAllMocks());

  it('asks for recording callbacks only when the call is recorded', async () => {
    await twilio.originate(account(), { ...req, record: false });
    expect(forms[0]!.get('Record')).toBe('false');
    expect(forms[0]!.has('RecordingStatusCallback')).toBe(false);
    await twilio.originate(account(), { ...req, record: true });
    expect(forms[1]!.get('Record')).toBe('true');
    expect(forms[1]!.get('RecordingStatusCallback')).toBe(`${BASE}/recording?callId=${CALL_ID}`);
    expect(forms[1]!.getAll('RecordingStatusCallbackEvent')).toEqual(['completed', 'absent']);
  });

  it('settings.record overrides the command both ways', async () => {
    await twilio.originate(account({ record: true, recordingChannels: 'dual' }), { ...req, record: false });
    expect(forms[0]!.get('Record')).toBe('true');
    expect(forms[0]!.get('RecordingChannels')).toBe('dual');
    await twilio.originate(account({ record: false }), { ...req, record: true });
    expect(forms[1]!.get('Record')).toBe('false');
    expect(forms[1]!.has('RecordingStatusCallback')).toBe(false);
  });
});

describe('TwilioProvider base URL (deployment allow-list, SSRF) and credentials test', () => {
  const twilio = new TwilioProvider('https://api.twilio.com');
  const secrets = { accountSid: SID, authToken: TOKEN };
  const req = { callId: CALL_ID, attempt: 1, from: '+15005550006', to: '+14155550005', ringTimeoutSeconds: 25, record: false };
  let urls: string[];
  const answer = (status: number, body: unknown) =>
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (url) => {
      urls.push(String(url));
      return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
    });

  beforeEach(() => {
    urls = [];
  });
  afterEach(() => jest.restoreAllMocks());

  it('hangup: a call Twilio does not have (404 / 20404) or no longer in progress (21220) is already gone; a 401 is an error', async () => {
    answer(200, { sid: CA, status: 'completed' });
    await expect(twilio.hangup(account(), CA)).resolves.toBe('hung_up');
    jest.restoreAllMocks();
    answer(404, { code: 20404, message: 'The requested resource was not found' });
    await expect(twilio.hangup(account(), CA)).resolves.toBe('already_gone');
    jest.restoreAllMocks();
    answer(400, { code: 21220, message: 'Invalid call state for this operation' });
    await expect(twilio.hangup(account(), CA)).resolves.toBe('already_gone');
    jest.restoreAllMocks();
    answer(401, { code: 20003, message: 'Authenticate' });
    await expect(twilio.hangup(account(), CA)).rejects.toMatchObject({ status: 401 });
  });

  it('settings.baseUrl may only name the default host; anything else is refused naming the field', () => {
    expect(twilio.validateConfig({ baseUrl: 'https://api.twilio.com/' }, secrets)).toEqual([]);
    expect(twilio.validateConfig({ baseUrl: 'http://127.0.0.1:6379' }, secrets)).toEqual(["settings.baseUrl is not an allowed provider URL (the deployment's allow-list decides)"]);
    expect(twilio.validateConfig({ baseUrl: 'https://api.twilio.com/?' }, secrets)).toEqual(['settings.baseUrl must be an http(s) base URL without credentials, query or fragment']);
  });

  it('a stored account with a URL outside the allow-list is refused at use time: nothing is fetched', async () => {
    answer(201, { sid: CA });
    const stored = account({ baseUrl: 'http://127.0.0.1:4222' });
    await expect(twilio.originate(stored, req)).rejects.toMatchObject({ providerCode: 'PROVIDER_URL_NOT_ALLOWED' });
    await expect(twilio.hangup(stored, CA)).rejects.toMatchObject({ providerCode: 'PROVIDER_URL_NOT_ALLOWED' });
    await expect(twilio.fetchCallStatus(stored, CA)).rejects.toMatchObject({ providerCode: 'PROVIDER_URL_NOT_ALLOWED' });
    await expect(twilio.testCredentials(stored)).resolves.toMatchObject({ ok: false, reason: 'not_allowed' });
    expect(urls).toEqual([]);
  });

  it('the allowed tenant URL is used normalized', async () => {
    answer(200, { sid: SID });
    await expect(twilio.testCredentials(account({ baseUrl: 'https://API.twilio.com:443/' }))).resolves.toEqual({ ok: true });
    expect(urls).toEqual([`https://api.twilio.com/2010-04-01/Accounts/${SID}.json`]);
  });

  it.each([
    [401, { code: 20003, message: 'Authenticate' }, 'credentials_rejected'],
    [403, 'Forbidden', 'credentials_rejected'],
    [404, 'Cannot GET /internal/admin/2010-04-01/Accounts', 'provider_error'],
    [500, { message: 'postgres at 10.0.0.5:5432 refused' }, 'provider_error'],
  ])('HTTP %i → refused: %s, the answer text is not in the result', async (status, body, reason) => {
    answer(status, body);
    const result = await twilio.testCredentials(account());
    expect(result).toMatchObject({ ok: false, reason });
    expect(JSON.stringify({ ...result, cause: undefined })).not.toMatch(/Authenticate|Forbidden|internal|postgres/);
  });

  it('no connection or a timeout → unreachable', async () => {
    jest.spyOn(globalThis, 'fetch').mockRejectedValueOnce(new TypeError('fetch failed'));
    await expect(twilio.testCredentials(account())).resolves.toMatchObject({ ok: false, reason: 'unreachable' });
    jest.spyOn(globalThis, 'fetch').mockRejectedValueOnce(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    await expect(twilio.testCredentials(account())).resolves.toMatchObject({ ok: false, reason: 'unreachable' });
  });
});
