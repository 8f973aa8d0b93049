import { CONTEXTS } from '../subjects';
import { SERVICE_NAMES } from '../vocabulary';
import { missingServices, SERVICES, serviceInfo } from './service-registry';

describe('services.json', () => {
  it('has every service exactly once', () => {
    expect(missingServices()).toEqual([]);
    expect(SERVICES.map((s) => s.name).sort()).toEqual([...SERVICE_NAMES].sort());
  });

  it('gives each service its own context, schema and port', () => {
    for (const key of ['context', 'schema', 'port'] as const) {
      expect(new Set(SERVICES.map((s) => s[key])).size).toBe(SERVICES.length);
    }
    expect(SERVICES.map((s) => s.context).sort()).toEqual([...CONTEXTS].sort());
  });

  it('uses schema names Postgres accepts unquoted', () => {
    for (const s of SERVICES) expect(s.schema).toMatch(/^[a-z_][a-z0-9_]{0,62}$/);
  });

  it('answers by name', () => {
    expect(serviceInfo('dialer-orchestrator')).toMatchObject({ context: 'dialer', schema: 'dialer', port: 3003 });
  });
});
