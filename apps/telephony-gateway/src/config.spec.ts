import { loadTelephonyConfig, providerUrlAllowLists, simulatorControlKey } from './config';

describe('telephony-gateway config: provider URL allow-lists and the simulator control key', () => {
  it("defaults to the providers' public hosts and the configured simulator; tenant URLs are off", () => {
    const config = loadTelephonyConfig({ SIMULATOR_URL: 'http://127.0.0.1:4091' });
    expect(providerUrlAllowLists(config)).toEqual({
      simulator: ['http://127.0.0.1:4091'],
      twilio: ['https://api.twilio.com'],
      callgear: ['https://callapi.callgear.com', 'https://dataapi.callgear.com'],
    });
    expect(config.TELEPHONY_ALLOW_TENANT_URLS).toBe('false');
  });

  it('adds the per-type lists to the defaults', () => {
    const config = loadTelephonyConfig({ TWILIO_URL_ALLOW_LIST: 'https://twilio-proxy.internal.example/v1, https://api.eu.twilio.example', CALLGEAR_URL_ALLOW_LIST: 'https://callapi.uiscom.ru' });
    expect(providerUrlAllowLists(config).twilio).toEqual(['https://api.twilio.com', 'https://twilio-proxy.internal.example/v1', 'https://api.eu.twilio.example']);
    expect(providerUrlAllowLists(config).callgear).toContain('https://callapi.uiscom.ru');
  });

  it('fails at boot naming each bad allow-list entry', () => {
    expect(() => loadTelephonyConfig({ TWILIO_URL_ALLOW_LIST: 'https://ok.example,https://x.example/?', SIMULATOR_URL_ALLOW_LIST: 'ftp://sim' })).toThrow(
      /TWILIO_URL_ALLOW_LIST: "https:\/\/x\.example\/\?" must be[\s\S]*SIMULATOR_URL_ALLOW_LIST: "ftp:\/\/sim" must be/,
    );
    expect(() => loadTelephonyConfig({ TELEPHONY_ALLOW_TENANT_URLS: 'yes' })).toThrow(/TELEPHONY_ALLOW_TENANT_URLS/);
  });

  it('the simulator control key is SIMULATOR_CONTROL_KEY, else derived from SECRETS_KEY (not the key itself)', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const derived = simulatorControlKey(loadTelephonyConfig({ SECRETS_KEY: key }));
    expect(derived).toHaveLength(43);
    expect(derived).not.toContain(key);
    expect(simulatorControlKey(loadTelephonyConfig({ SECRETS_KEY: key }))).toBe(derived);
    expect(simulatorControlKey(loadTelephonyConfig({ SECRETS_KEY: Buffer.alloc(32, 8).toString('base64') }))).not.toBe(derived);
    expect(simulatorControlKey(loadTelephonyConfig({ SIMULATOR_CONTROL_KEY: 'ctl_explicit_control_key_000000' }))).toBe('ctl_explicit_control_key_000000');
    expect(() => loadTelephonyConfig({ SIMULATOR_CONTROL_KEY: 'short' })).toThrow(/SIMULATOR_CONTROL_KEY/);
  });
});
