import { randomBytes } from 'node:crypto';
import { ConfigValidationError } from '@santral/config';
import { generateSealingKeyPair } from '@santral/messaging';
import { loadTelephonyConfig, providerUrlAllowLists, simulatorControlKey } from './config';

const secrets = { SECRETS_KEY: randomBytes(32).toString('base64'), TELEPHONY_SEALING_PRIVATE_KEY: generateSealingKeyPair().privateKey };
const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadTelephonyConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigValidationError) return e.problems;
    throw e;
  }
};

describe('telephony-gateway config: no default secret, development mode said out loud', () => {
  it.each(['development', 'test', 'production'])('refuses to start without SECRETS_KEY and the sealing key under NODE_ENV=%s, saying what to set', (NODE_ENV) => {
    const problems = problemsOf({ NODE_ENV });
    expect(problems).toEqual([expect.stringMatching(/^SECRETS_KEY must be set: .*openssl rand -base64 32/), expect.stringMatching(/^TELEPHONY_SEALING_PRIVATE_KEY must be set: .*scripts\/sealing-keys\.ts/)]);
  });

  it('refuses the development key the config used to fall back to', () => {
    expect(() => loadTelephonyConfig({ ...secrets, SECRETS_KEY: 'not base64 of 32 bytes' })).toThrow(/SECRETS_KEY/);
  });

  it('runs the simulator only in development mode, unless told', () => {
    expect(loadTelephonyConfig({ ...secrets, NODE_ENV: 'development' }).SIMULATOR_ENABLED).toBe('false');
    expect(loadTelephonyConfig({ ...secrets, SANTRAL_DEV_MODE: 'true' }).SIMULATOR_ENABLED).toBe('true');
    expect(loadTelephonyConfig({ ...secrets, SANTRAL_DEV_MODE: 'true', SIMULATOR_ENABLED: 'false' }).SIMULATOR_ENABLED).toBe('false');
    expect(loadTelephonyConfig({ ...secrets, SIMULATOR_ENABLED: 'true' }).SIMULATOR_ENABLED).toBe('true');
  });
});

describe('telephony-gateway config: provider URL allow-lists and the simulator control key', () => {
  it("defaults to the providers' public hosts and the configured simulator; tenant URLs are off", () => {
    const config = loadTelephonyConfig({ ...secrets, SIMULATOR_URL: 'http://127.0.0.1:4091' });
    expect(providerUrlAllowLists(config)).toEqual({
      simulator: ['http://127.0.0.1:4091'],
      twilio: ['https://api.twilio.com'],
      callgear: ['https://callapi.callgear.com', 'https://dataapi.callgear.com'],
    });
    expect(config.TELEPHONY_ALLOW_TENANT_URLS).toBe('false');
  });

  it('adds the per-type lists to the defaults', () => {
    const config = loadTelephonyConfig({ ...secrets, TWILIO_URL_ALLOW_LIST: 'https://twilio-proxy.internal.example/v1, https://api.eu.twilio.example', CALLGEAR_URL_ALLOW_LIST: 'https://callapi.uiscom.ru' });
    expect(providerUrlAllowLists(config).twilio).toEqual(['https://api.twilio.com', 'https://twilio-proxy.internal.example/v1', 'https://api.eu.twilio.example']);
    expect(providerUrlAllowLists(config).callgear).toContain('https://callapi.uiscom.ru');
  });

  it('fails at boot naming each bad allow-list entry', () => {
    expect(() => loadTelephonyConfig({ ...secrets, TWILIO_URL_ALLOW_LIST: 'https://ok.example,https://x.example/?', SIMULATOR_URL_ALLOW_LIST: 'ftp://sim' })).toThrow(
      /TWILIO_URL_ALLOW_LIST: "https:\/\/x\.example\/\?" must be[\s\S]*SIMULATOR_URL_ALLOW_LIST: "ftp:\/\/sim" must be/,
    );
    expect(() => loadTelephonyConfig({ ...secrets, TELEPHONY_ALLOW_TENANT_URLS: 'yes' })).toThrow(/TELEPHONY_ALLOW_TENANT_URLS/);
  });

  it('the simulator control key is SIMULATOR_CONTROL_KEY, else derived from SECRETS_KEY (not the key itself)', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const derived = simulatorControlKey(loadTelephonyConfig({ ...secrets, SECRETS_KEY: key }));
    expect(derived).toHaveLength(43);
    expect(derived).not.toContain(key);
    expect(simulatorControlKey(loadTelephonyConfig({ ...secrets, SECRETS_KEY: key }))).toBe(derived);
    expect(simulatorControlKey(loadTelephonyConfig({ ...secrets, SECRETS_KEY: Buffer.alloc(32, 8).toString('base64') }))).not.toBe(derived);
    expect(simulatorControlKey(loadTelephonyConfig({ ...secrets, SIMULATOR_CONTROL_KEY: 'ctl_explicit_control_key_000000' }))).toBe('ctl_explicit_control_key_000000');
    expect(() => loadTelephonyConfig({ ...secrets, SIMULATOR_CONTROL_KEY: 'short' })).toThrow(/SIMULATOR_CONTROL_KEY/);
  });
});
