import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { testEnv } from '@santral/testing';

// The whole stack as separate processes through `npm start` (scripts/start.js), on its own
// database and ports: every service ready, an organization created through the gateway, and
// Ctrl-C stopping everything cleanly.
const root = path.resolve(__dirname, '..');
const services = ['api-gateway', 'telephony-gateway', 'campaign', 'dialer-orchestrator', 'billing', 'transcript', 'ticketing'];
const basePort = 3700;
const adminKey = 'e2e-admin-key-0123456789abcdef';

function databaseUrl(name: string): string {
  const url = new URL(testEnv.databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(sql: string): Promise<void> {
  const c = new Client({ connectionString: databaseUrl('postgres') });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

describe('npm start (e2e)', () => {
  const db = `santral_e2e_${Date.now().toString(36)}`;
  let child: ChildProcess;
  let output = '';

  beforeAll(async () => {
    const portEnv = Object.fromEntries(
      services.map((s, i) => [`SANTRAL_${s.toUpperCase().replace(/-/g, '_')}_PORT`, String(basePort + i)]),
    );
    // As a person runs it: not under Jest's NODE_ENV=test, no secrets given.
    const { NODE_ENV: _jestEnv, SECRETS_KEY: _secrets, ...parentEnv } = process.env;
    child = spawn(process.execPath, ['scripts/start.js'], {
      cwd: root,
      env: { ...parentEnv, ...portEnv, SIMULATOR_PORT: String(basePort + 91), DATABASE_URL: databaseUrl(db), NATS_URL: testEnv.natsUrl, SANTRAL_ADMIN_KEY: adminKey, SANTRAL_SKIP_INSTALL: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (output.includes('Santral is up')) {
          clearInterval(timer);
          resolve();
        } else if (child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`npm start exited early:\n${output}`));
        }
      }, 200);
    });
  }, 240_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await admin(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
  });

  it('prints one ready line per service and the gateway URL last', () => {
    services.forEach((s, i) => expect(output).toContain(`${s} ready http://127.0.0.1:${basePort + i}`));
    const lines = output.trim().split('\n');
    expect(lines[lines.length - 1]).toBe(`Santral is up: http://127.0.0.1:${basePort} (docs: /docs)`);
  });

  it('every service answers /health/ready with 200', async () => {
    for (let i = 0; i < services.length; i++) {
      const res = await fetch(`http://127.0.0.1:${basePort + i}/health/ready`);
      expect(res.status).toBe(200);
    }
  });

  it('creates an organization with the admin key and its API key works', async () => {
    const res = await fetch(`http://127.0.0.1:${basePort}/v1/organizations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'E2E Clinic', defaultCountry: 'TR', timeZone: 'Europe/Istanbul', plan: 'free' }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { apiKey: string };
    const test = await fetch(`http://127.0.0.1:${basePort}/v1/api-keys/test`, { headers: { authorization: `Bearer ${body.apiKey}` } });
    expect(test.status).toBe(200);
  });

  it('stops every service on SIGINT and exits 0', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    await expect(exited).resolves.toBe(0);
    const res = await fetch(`http://127.0.0.1:${basePort}/health/live`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(res).toBe('refused');
  });
});
