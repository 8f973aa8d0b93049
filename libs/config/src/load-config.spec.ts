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
});
