import { randomBytes } from 'node:crypto';
import { ConfigValidationError } from '@santral/config';
import { generateSealingKeyPair } from '@santral/messaging';
import { loadTelephonyConfig } from './config';

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
