import type { ProviderAccountContext } from '../provider.port';
import { CallGearRpcError } from './callgear-json-rpc.client';
import { CallGearProvider } from './callgear.provider';
import { ProviderUrlPolicy } from '../provider-url.policy';

type Rpc = { url: string; method: string; params: Record<string, unknown> };
type Answer = { data?: unknown; error?: { code: number; message: string; mnemonic: string; field?: string } };

const NOW = new Date('2024-04-06T09:00:00Z');
const urls = new ProviderUrlPolicy(['https://callapi.test', 'https://dataapi.test', 'https://own.callapi/v4.0']);
const provider = new CallGearProvider({ callApiUrl: 'https://callapi.test/v4.0', dataApiUrl: 'https://dataapi.test/v2.0', urls, now: () => NOW });
const account = (settings: Record<string, unknown> = {}, secrets: Record<string, string> = {}): ProviderAccountContext => ({
  id: 'a1', organizationId: 'o1', type: 'callgear', settings: { employeeId: 25, ...settings }, secrets: { apiKey: 'call-key', webhookToken: 'x'.repeat(32), ...secrets }, operatorMap: {}, webhookBaseUrl: '',
});

/** A fake of fetch that answers each JSON-RPC method as scripted and records the requests. */
function fakeCallGear(answers: Record<string, Answer | ((p: Record<string, unknown>) => Answer)>): Rpc[] {
  const seen: Rpc[] = [];
  jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const body = JSON.parse(String(init?.body)) as { id: unknown; method: string; params: Record<string, unknown> };
    seen.push({ url: String(input), method: body.method, params: body.params });
    const scripted = answers[body.method] ?? { data: { success: 'true' } };
    const a = typeof scripted === 'function' ? scripted(body.params) : scripted;
    const reply = a.error
      ? { jsonrpc: '2.0', id: body.id, error: { code: a.error.code, message: a.error.message, data: { mnemonic: a.error.mnemonic, field: a.error.field ?? null } } }
      : { jsonrpc: '2.0', id: body.id, result: { data: a.data } };
    return new Response(JSON.stringify(reply), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  return seen;
}

const invalidToken = { code: -32001, message: 'Access token is invalid', mnemonic: 'access_token_invalid' };
const originateReq = { callId: '0b7e3c8e-5a7f-4f7e-9d52-1f1c4a9b2a11', attempt: 1, from: '+902125550000', to: '+905551234567', ringTimeoutSeconds: 30, record: false };

afterEach(() => jest.restoreAllMocks());

describe('CallGearProvider.validateConfig', () => {
  const ok = { apiKey: 'k', webhookToken: 'x'.repeat(24) };
  it('accepts the minimal account and the documented optional settings', () => {
    expect(provider.validateConfig({}, ok)).toEqual([]);
    expect(provider.validateConfig(
      { callApiUrl: 'https://own.callapi/v4.0', dataApiUrl: 'https://dataapi.test/v2.1/', employeeId: '25', transferHoldMediaFileId: 2561, transferHoldMessage: 'Bekleyin', sipDomain: 'sip.callgear.com' },
      { ...ok, dataApiKey: 'data-key' },
    )).toEqual([]);
  });

  it('names every bad Data API / Call API setting', () => {
    expect(provider.validateConfig(
      { callApiUrl: 'ftp://x', dataApiUrl: 42, employeeId: 0, transferHoldMediaFileId: 'abc', transferHoldMessage: '', sipDomain: 'not a host' },
      { ...ok, dataApiKey: 'has space' },
    )).toEqual([
      'secrets.dataApiKey must be a Data API access token (no spaces)',
      'settings.callApiUrl must be an http(s) base URL without credentials, query or fragment',
      'settings.dataApiUrl must be an http(s) base URL without credentials, query or fragment',
      'settings.employeeId must be a positive integer',
      'settings.transferHoldMediaFileId must be a positive integer',
      'settings.transferHoldMessage must be 1..1000 characters of text',
      'settings.sipDomain must be a host name',
    ]);
  });
});

describe('CallGearProvider API URLs (deployment allow-list, SSRF)', () => {
  const ok = { apiKey: 'k', webhookToken: 'x'.repeat(24) };

  it.each([
    ['callApiUrl', 'http://127.0.0.1:9/callapi/v4.0'],
    ['callApiUrl', 'http://169.254.169.254/latest/meta-data'],
    ['dataApiUrl', 'https://dataapi.callgear.com/v2.0'],
    ['callApiUrl', 'https://own.callapi/v5.0'],
    ['callApiUrl', 'https://own.callapi.evil.example/v4.0'],
  ])('refuses settings.%s = %s, naming the field', (key, url) => {
    expect(provider.validateConfig({ [key]: url }, ok)).toEqual([`settings.${key} is not an allowed provider URL (the deployment's allow-list decides)`]);
  });

  it.each(['https://own.callapi/v4.0?', 'https://own.callapi/v4.0#x', 'https://user:pw@own.callapi/v4.0', 'https://callapi.test@127.0.0.1/v4.0'])('refuses %s (query, fragment or credentials)', (url) => {
    expect(provider.validateConfig({ callApiUrl: url }, ok)).toEqual(['settings.callApiUrl must be an http(s) base URL without credentials, query or fragment']);
  });

  it('a stored account naming a URL outside the allow-list is refused at use time and nothing is sent', async () => {
    const fetchSpy = fakeCallGear({ 'start.employee_call': { data: { call_session_id: 1 } } });
    const stored = account({ callApiUrl: 'http://127.0.0.1:5432/', dataApiUrl: 'http://10.0.0.1/' });
    await expect(provider.originate(stored, originateReq)).rejects.toMatchObject({ providerCode: 'PROVIDER_URL_NOT_ALLOWED' });
    await expect(provider.hangup(stored, '1')).rejects.toMatchObject({ providerCode: 'PROVIDER_URL_NOT_ALLOWED' });
    await expect(provider.fetchCallStatus(stored, '1')).rejects.toMatchObject({ providerCode: 'PROVIDER_URL_NOT_ALLOWED' });
    await expect(provider.testCredentials(stored)).resolves.toMatchObject({ ok: false, reason: 'not_allowed' });
    expect(fetchSpy).toEqual([]);
  });
});

describe('CallGearProvider.originate (start.employee_call)', () => {
  it('sends the documented params to the account Call API URL and returns call_session_id', async () => {
    const seen = fakeCallGear({ 'start.employee_call': { data: { call_session_id: 237859081 } } });
    await expect(provider.originate(account({ callApiUrl: 'https://own.callapi/v4.0' }), originateReq)).resolves.toEqual({ providerCallId: '237859081' });
    expect(seen).toEqual([{
      url: 'https://own.callapi/v4.0', method: 'start.employee_call',
      params: { access_token: 'call-key', first_call: 'contact', switch_at_once: true, direction: 'out', virtual_phone_number: '902125550000', contact: '905551234567', employee: { id: 25 }, external_id: originateReq.callId },
    }]);
  });

  it('click-to-call rings the operator endpoint first', async () => {
    const seen = fakeCallGear({ 'start.employee_call': { data: { call_session_id: 1 } } });
    await provider.originate(account(), { ...originateReq, operatorEndpoint: '+905550001122', operatorEmployeeId: '77' });
    expect(seen[0]!.params).toMatchObject({ first_call: 'employee', employee: { id: 77, phone_number: '905550001122' } });
  });

  it('without an employee it refuses before calling CallGear', async () => {
    const seen = fakeCallGear({});
    await expect(provider.originate(account({ employeeId: undefined }), originateReq)).rejects.toMatchObject({ providerCode: 'CALLGEAR_EMPLOYEE_REQUIRED', reason: 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL' });
    expect(seen).toEqual([]);
  });

  it.each([
    [{ code: -32002, message: 'The contact has been found in the blacklist', mnemonic: 'contact_in_blacklist' }, 'TO_NUMBER_NOT_ALLOWS_CALLOUT'],
    [{ code: -32007, message: 'Virtual phone number not found', mnemonic: 'virtual_phone_number_not_found' }, 'FROM_NUMBER_NOT_FOUND'],
    [{ code: -32602, message: 'Invalid parameter value', mnemonic: 'invalid_parameter_value', field: 'contact' }, 'invalid_number'],
    [invalidToken, undefined],
  ])('an error object %j → rejected with its mnemonic and reason %p', async (error, reason) => {
    fakeCallGear({ 'start.employee_call': { error } });
    const rejected = provider.originate(account(), originateReq);
    await expect(rejected).rejects.toBeInstanceOf(CallGearRpcError);
    await expect(rejected).rejects.toMatchObject({ providerCode: error.mnemonic, reason, rpcCode: error.code, message: `${error.mnemonic}: ${error.message}` });
  });
});

describe('CallGearProvider.transfer (hold.call → make.call → transfer.talk)', () => {
  it('runs the three methods in order for an E.164 target', async () => {
    const seen = fakeCallGear({});
    await provider.transfer(account({ transferHoldMediaFileId: 2561 }), '555', '+905559876543');
    expect(seen.map((r) => [r.method, r.params])).toEqual([
      ['hold.call', { access_token: 'call-key', call_session_id: 555, contact_message: { type: 'media', value: '2561' } }],
      ['make.call', { access_token: 'call-key', call_session_id: 555, to: '905559876543' }],
      ['transfer.talk', { access_token: 'call-key', call_session_id: 555 }],
    ]);
  });

  it('a failed transfer.talk restores the conversation and rethrows', async () => {
    const seen = fakeCallGear({ 'transfer.talk': { error: { code: -32004, message: 'This method cannot be called in this state', mnemonic: 'invalid_state' } } });
    await expect(provider.transfer(account(), '555', '+905559876543')).rejects.toMatchObject({ providerCode: 'invalid_state' });
    expect(seen.map((r) => r.method)).toEqual(['hold.call', 'make.call', 'transfer.talk', 'restore.talk']);
  });

  it('refuses a session id that is not a number', async () => {
    const seen = fakeCallGear({});
    await expect(provider.transfer(account(), 'CA123', '+905559876543')).rejects.toMatchObject({ providerCode: 'CALLGEAR_BAD_SESSION_ID' });
    expect(seen).toEqual([]);
  });
});

describe('CallGearProvider.fetchCallStatus (Data API get.calls_report)', () => {
  it('filters the report by the session id over a wide window, with ongoing calls, using the Data API key', async () => {
    const seen = fakeCallGear({ 'get.calls_report': { data: [{ id: 555, finish_time: '2024-04-06 11:59:00', finish_reason: 'caller_busy', direction: 'out', is_lost: false, talk_duration: 0, wait_duration: 9, total_duration: 9 }] } });
    await expect(provider.fetchCallStatus(account({}, { dataApiKey: 'data-key' }), '555')).resolves.toMatchObject({ state: 'ended', endReason: { reason: 'busy', providerCode: 'caller_busy' }, waitSeconds: 9 });
    expect(seen).toEqual([{
      url: 'https://dataapi.test/v2.0', method: 'get.calls_report',
      params: {
        access_token: 'data-key', date_from: '2024-03-30 09:00:00', date_till: '2024-04-07 09:00:00', include_ongoing_calls: true,
        filter: { field: 'id', operator: '=', value: 555 }, fields: ['id', 'start_time', 'finish_time', 'finish_reason', 'direction', 'is_lost', 'talk_duration', 'wait_duration', 'total_duration'], limit: 1,
      },
    }]);
  });

  it('falls back to the Call API key when the account has no Data API key', async () => {
    const seen = fakeCallGear({ 'get.calls_report': { data: [] } });
    await expect(provider.fetchCallStatus(account(), '555')).resolves.toEqual({ state: 'unknown' });
    expect(seen[0]!.params.access_token).toBe('call-key');
  });

  it('ignores a row about another session, and never asks about a non-numeric id', async () => {
    fakeCallGear({ 'get.calls_report': { data: [{ id: 556, finish_time: null }] } });
    await expect(provider.fetchCallStatus(account(), '555')).resolves.toEqual({ state: 'unknown' });
    await expect(provider.fetchCallStatus(account(), 'not-a-session')).resolves.toEqual({ state: 'unknown' });
  });

  it('an error object is thrown (the reconciler logs it and treats the call as unknown)', async () => {
    fakeCallGear({ 'get.calls_report': { error: invalidToken } });
    await expect(provider.fetchCallStatus(account(), '555')).rejects.toMatchObject({ providerCode: 'access_token_invalid' });
  });
});

describe('CallGearProvider.testCredentials', () => {
  it('ok when get.account and list.calls answer', async () => {
    const seen = fakeCallGear({ 'get.account': { data: [{ app_id: 1 }] }, 'list.calls': { data: [] } });
    await expect(provider.testCredentials(account({}, { dataApiKey: 'data-key' }))).resolves.toEqual({ ok: true });
    expect(seen.map((r) => [r.url, r.method, r.params.access_token])).toEqual([['https://dataapi.test/v2.0', 'get.account', 'data-key'], ['https://callapi.test/v4.0', 'list.calls', 'call-key']]);
  });

  it.each([
    [{ 'get.account': { error: invalidToken } }, 'credentials_rejected'],
    [{ 'list.calls': { error: invalidToken } }, 'credentials_rejected'],
    [{ 'list.calls': { error: { code: -32003, message: 'Your IP 1.2.3.4 is not whitelisted', mnemonic: 'ip_not_whitelisted' } } }, 'credentials_rejected'],
    [{ 'get.account': { error: { code: -32602, message: 'Internal thing at /srv/x', mnemonic: 'internal_error' } } }, 'provider_error'],
  ])('%j → refused: %s (a category, never CallGear\'s text)', async (answers, reason) => {
    fakeCallGear({ 'get.account': { data: [] }, 'list.calls': { data: [] }, ...answers });
    const result = await provider.testCredentials(account());
    expect(result).toMatchObject({ ok: false, reason });
    expect(Object.keys(result).sort()).toEqual(['cause', 'ok', 'reason']);
  });

  it('a missing "Call management" component does not fail the test', async () => {
    fakeCallGear({ 'get.account': { data: [] }, 'list.calls': { error: { code: -32008, message: 'Component Call API Call management has been disabled', mnemonic: 'component_disabled' } } });
    await expect(provider.testCredentials(account())).resolves.toEqual({ ok: true });
  });

  it('no answer is unreachable, a non-JSON-RPC failure answer is provider_error', async () => {
    jest.spyOn(globalThis, 'fetch').mockRejectedValueOnce(new TypeError('fetch failed'));
    await expect(provider.testCredentials(account())).resolves.toMatchObject({ ok: false, reason: 'unreachable' });
    jest.spyOn(globalThis, 'fetch').mockResolvedValueOnce(new Response('<h1>502 at 10.1.2.3:8080</h1>', { status: 502 }));
    await expect(provider.testCredentials(account())).resolves.toMatchObject({ ok: false, reason: 'provider_error' });
  });
});

describe('CallGearProvider.hangup (release.call)', () => {
  it('sends call_session_id as a number', async () => {
    const seen = fakeCallGear({});
    await provider.hangup(account(), '28575639');
    expect(seen).toEqual([{ url: 'https://callapi.test/v4.0', method: 'release.call', params: { access_token: 'call-key', call_session_id: 28575639 } }]);
  });

  it('reads the JSON-RPC error object also from a non-2xx answer: call_session_not_found means the call is already gone', async () => {
    jest.spyOn(globalThis, 'fetch').mockResolvedValue(
      new Response(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32602, message: 'Call session not found', data: { mnemonic: 'call_session_not_found' } } }), { status: 400 }),
    );
    await expect(provider.hangup(account(), '1')).resolves.toBe('already_gone');
  });

  it('a session that ended is already gone; any other refusal is an error', async () => {
    const seen = fakeCallGear({});
    await expect(provider.hangup(account(), '28575639')).resolves.toBe('hung_up');
    expect(seen).toHaveLength(1);
    jest.spyOn(globalThis, 'fetch').mockResolvedValue(
      new Response(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Forbidden', data: { mnemonic: 'permission_denied' } } }), { status: 200 }),
    );
    await expect(provider.hangup(account(), '1')).rejects.toMatchObject({ providerCode: 'permission_denied' });
  });
});

describe('CallGearProvider.sendSms', () => {
  it('is NOT_SUPPORTED: neither API has an SMS method', async () => {
    await expect(provider.sendSms()).rejects.toMatchObject({ providerCode: 'NOT_SUPPORTED' });
  });
});
