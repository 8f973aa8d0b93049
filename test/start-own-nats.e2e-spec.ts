import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { connectNats, natsInboxPrefix } from '@santral/messaging';
import { freePort, testEnv } from '@santral/testing';

// `npm start` where no NATS answers: it starts its own nats-server with the generated
// authorization (one user per service, passwords in .santral/), hands each service its own
// credentials, and the stack works through it; the server refuses anyone without a user and a
// service outside its subjects.
const root = path.resolve(__dirname, '..');
const services = ['api-gateway', 'telephony-gateway', 'campaign', 'dialer-orchestrator', 'billing', 'transcript', 'ticketing'];
const basePort = 3750;
const adminKey = 'e2e-admin-key-own-nats-0123456789';

function databaseUrl(name: string): string {
  const url = new URL(testEnv.databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

describe('npm start with its own NATS (e2e)', () => {
  const db = `santral_e2e_nats_${Date.now().toString(36)}`;
  let child: ChildProcess;
  let output = '';
  let natsUrl: string;

  beforeAll(async () => {
    natsUrl = `nats://127.0.0.1:${await freePort()}`;
    const portEnv = Object.fromEntries(services.map((s, i) => [`SANTRAL_${s.toUpperCase().replace(/-/g, '_')}_PORT`, String(basePort + i)]));
    const { NODE_ENV: _jestEnv, SECRETS_KEY: _secrets, ...parentEnv } = process.env;
    child = spawn(process.execPath, ['scripts/start.js'], {
      cwd: root,
      env: { ...parentEnv, ...portEnv, SIMULATOR_PORT: String(basePort + 91), DATABASE_URL: databaseUrl(db), NATS_URL: natsUrl, SANTRAL_ADMIN_KEY: adminKey, SANTRAL_SKIP_INSTALL: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (output.includes('Santral is up')) resolve(void clearInterval(timer));
        else if (child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`npm start exited early:\n${output}`));
        }
      }, 200);
    });
  }, 240_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
    }
    const c = new Client({ connectionString: databaseUrl('postgres') });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`).finally(() => c.end());
  });

  it('says it started nats-server with one user per service', () => {
    expect(output).toMatch(/nats: nothing answers at .*; starting .*nats-server.* with one user per service/);
  });

  it('works through it: an organization and a provider account (its secrets sealed over the bus)', async () => {
    const org = await fetch(`http://127.0.0.1:${basePort}/v1/organizations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'E2E', defaultCountry: 'TR', timeZone: 'Europe/Istanbul', plan: 'free' }),
    });
    expect(org.status).toBe(201);
    const { apiKey } = (await org.json()) as { apiKey: string };
    const account = await fetch(`http://127.0.0.1:${basePort}/v1/provider-accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'simulator', name: 'Sim', secrets: { apiKey: 'sk_e2e_0123456789' } }),
    });
    expect(account.status).toBe(201);
    await expect(account.json()).resolves.toMatchObject({ secretNames: expect.arrayContaining(['apiKey']) });
  });

  it('refuses a client without a user, and billing outside its subjects', async () => {
    await expect(connectNats({ servers: natsUrl, connectTimeoutMs: 2000 })).rejects.toThrow(/authoriz/i);
    const passwords = JSON.parse(readFileSync(path.join(root, '.santral', 'nats-passwords.json'), 'utf8')) as Record<string, string>;
    const billing = await connectNats({ servers: natsUrl, inboxPrefix: natsInboxPrefix('billing'), auth: { user: 'billing', pass: passwords.billing } });
    try {
      const sub = billing.subscribe('rpc.telephony.>');
      await billing.flush();
      await expect(sub.closed).resolves.toMatchObject({ message: expect.stringMatching(/permissions violation/i) });
    } finally {
      await billing.close();
    }
  });
});
