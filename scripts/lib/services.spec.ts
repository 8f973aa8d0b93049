import registry from '../../libs/contracts/src/services/services.json';

// scripts/lib/services.js is services.json plus where each build is and the port overrides.
type Loaded = { services: { name: string; schema: string; port: number; nodeFlags: string[]; entry: string }[]; portEnvKey: (n: string) => string };

function load(env: Record<string, string>): Loaded {
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (/^SANTRAL_.+_PORT$/.test(key)) delete process.env[key];
  Object.assign(process.env, env);
  try {
    let mod: Loaded | undefined;
    jest.isolateModules(() => {
      mod = require('./services') as Loaded;
    });
    return mod as Loaded;
  } finally {
    process.env = saved;
  }
}

describe('scripts/lib/services.js', () => {
  it('lists the registry: names, schemas, ports and node flags, in its order', () => {
    const { services } = load({});
    expect(services.map(({ name, schema, port, nodeFlags }) => ({ name, schema, port, nodeFlags }))).toEqual(
      registry.map(({ name, schema, port, nodeFlags }) => ({ name, schema, port, nodeFlags })),
    );
    for (const s of services) expect(s.entry).toMatch(new RegExp(`/dist/apps/${s.name}/src/main\\.js$`));
  });

  it('takes a port from SANTRAL_<NAME>_PORT', () => {
    const { services, portEnvKey } = load({ SANTRAL_DIALER_ORCHESTRATOR_PORT: '4103' });
    expect(portEnvKey('dialer-orchestrator')).toBe('SANTRAL_DIALER_ORCHESTRATOR_PORT');
    expect(services.find((s) => s.name === 'dialer-orchestrator')?.port).toBe(4103);
    expect(services.find((s) => s.name === 'billing')?.port).toBe(3004);
  });

  it('refuses a port override that is not a TCP port', () => {
    expect(() => load({ SANTRAL_BILLING_PORT: 'eighty' })).toThrow('SANTRAL_BILLING_PORT=eighty is not a TCP port');
  });
});
