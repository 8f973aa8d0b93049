import type { ProviderAccountContext } from '../provider.port';
import { ProviderUrlPolicy } from '../provider-url.policy';
import { SimulatorProvider } from './simulator.provider';

const CONTROL_KEY = 'ctl_unit_simulator_control_key_0123';
const ID = '01a20155-d5d0-76cc-8b6f-052ce8a9149b';
const account = (settings: Record<string, unknown> = {}): ProviderAccountContext => ({
  id: ID, organizationId: 'o1', type: 'simulator', settings, secrets: { apiKey: 'sk_a', signingSecret: 'whsec_a' }, operatorMap: {}, webhookBaseUrl: `https://gw.example/webhooks/simulator/${ID}`,
});

describe('SimulatorProvider', () => {
  const sim = new SimulatorProvider({ baseUrl: 'http://127.0.0.1:3091', toleranceSeconds: 300, controlKey: CONTROL_KEY, urls: new ProviderUrlPolicy(['http://127.0.0.1:3091']) });
  let seen: Array<{ url: string; method?: string; authorization?: string }>;

  beforeEach(() => {
    seen = [];
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
      seen.push({ url: String(url), method: init?.method, authorization: (init?.headers as Record<string, string>).authorization });
      return new Response(init?.method === 'PUT' ? null : JSON.stringify({ id: ID }), { status: init?.method === 'PUT' ? 204 : 200 });
    });
  });
  afterEach(() => jest.restoreAllMocks());

  it('hangup: a call the simulator does not know (it ended, or the simulator restarted) is already gone', async () => {
    await expect(sim.hangup(account(), 'SIM1')).resolves.toBe('hung_up');
    jest.restoreAllMocks();
    jest.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify({ code: 'CALL_NOT_FOUND', message: 'No such call' }), { status: 404 }));
    await expect(sim.hangup(account(), 'SIM1')).resolves.toBe('already_gone');
    jest.restoreAllMocks();
    jest.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify({ code: 'FORBIDDEN' }), { status: 403 }));
    await expect(sim.hangup(account(), 'SIM1')).rejects.toMatchObject({ status: 403 });
  });

  it('configures the console with the control key, then calls the account API with its own key', async () => {
    await expect(sim.testCredentials(account())).resolves.toEqual({ ok: true });
    expect(seen).toEqual([
      { url: `http://127.0.0.1:3091/simulator/v1/accounts/${ID}`, method: 'PUT', authorization: `Bearer ${CONTROL_KEY}` },
      { url: `http://127.0.0.1:3091/simulator/v1/accounts/${ID}`, method: 'GET', authorization: 'Bearer sk_a' },
    ]);
  });

  it("refuses a settings.baseUrl that points elsewhere, e.g. at another account's console through a trailing ?", () => {
    const other = 'http://127.0.0.1:3091/simulator/v1/accounts/0190ffff-0000-7000-8000-000000000000?';
    expect(sim.validateConfig({ baseUrl: other })).toEqual(['settings.baseUrl must be an http(s) base URL without credentials, query or fragment']);
    expect(sim.validateConfig({ baseUrl: 'http://127.0.0.1:5432' })).toEqual(["settings.baseUrl is not an allowed provider URL (the deployment's allow-list decides)"]);
    expect(sim.validateConfig({ baseUrl: 'http://127.0.0.1:3091/' })).toEqual([]);
  });

  it('a stored account naming such a URL is refused at use time: nothing is sent', async () => {
    const stored = account({ baseUrl: 'http://127.0.0.1:3091/simulator/v1/accounts/0190ffff-0000-7000-8000-000000000000?' });
    await expect(sim.configure(stored)).rejects.toMatchObject({ providerCode: 'PROVIDER_URL_NOT_ALLOWED' });
    await expect(sim.testCredentials(stored)).resolves.toMatchObject({ ok: false, reason: 'not_allowed' });
    await expect(sim.originate(stored, { callId: 'c', attempt: 1, from: '+1', to: '+2', ringTimeoutSeconds: 5, record: false })).rejects.toMatchObject({ providerCode: 'PROVIDER_URL_NOT_ALLOWED' });
    expect(seen).toEqual([]);
  });
});
