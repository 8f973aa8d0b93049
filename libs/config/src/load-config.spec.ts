import { IsInt, Min } from 'class-validator';
import { CommonConfig } from './common.config';
import { ConfigValidationError, loadConfig } from './load-config';

class SampleConfig extends CommonConfig {
  @IsInt()
  @Min(1)
  WORKERS: number = 2;
}

describe('loadConfig', () => {
  it('applies defaults and converts numbers', () => {
    const cfg = loadConfig(SampleConfig, { HTTP_PORT: '4100' });
    expect(cfg.HTTP_PORT).toBe(4100);
    expect(cfg.WORKERS).toBe(2);
    expect(cfg.NATS_URL).toBe('nats://127.0.0.1:4222');
  });

  it('lists every bad variable at once', () => {
    const run = () => loadConfig(SampleConfig, { HTTP_PORT: '99999', DATABASE_URL: 'mysql://x', WORKERS: '0' });
    expect(run).toThrow(ConfigValidationError);
    try {
      run();
    } catch (e) {
      const problems = (e as ConfigValidationError).problems;
      expect(problems).toHaveLength(3);
      expect(problems.join('\n')).toMatch(/DATABASE_URL/);
    }
  });

  it('takes tls:// and nats:// URLs, and a NATS user only with its password', () => {
    expect(loadConfig(SampleConfig, { NATS_URL: 'tls://nats-1:4222,tls://nats-2:4222' }).NATS_URL).toBe('tls://nats-1:4222,tls://nats-2:4222');
    expect(() => loadConfig(SampleConfig, { NATS_URL: 'http://nats:4222' })).toThrow(/NATS_URL/);
    expect(() => loadConfig(SampleConfig, { NATS_USER: 'billing' })).toThrow(/NATS_PASSWORD must be set/);
    expect(loadConfig(SampleConfig, { NATS_USER: 'billing', NATS_PASSWORD: 'p'.repeat(24) })).toMatchObject({ NATS_USER: 'billing' });
  });

  it('is not in development mode unless SANTRAL_DEV_MODE says so, whatever NODE_ENV is', () => {
    expect(loadConfig(SampleConfig, { NODE_ENV: 'development' }).SANTRAL_DEV_MODE).toBe('false');
    expect(loadConfig(SampleConfig, { SANTRAL_DEV_MODE: 'true' }).SANTRAL_DEV_MODE).toBe('true');
    expect(() => loadConfig(SampleConfig, { SANTRAL_DEV_MODE: 'yes' })).toThrow(/SANTRAL_DEV_MODE/);
  });
});
