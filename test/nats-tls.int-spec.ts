import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectNats, natsInboxPrefix } from '@santral/messaging';
import { startPrivateNatsServer, type PrivateNatsServer } from '@santral/testing';
import { natsUsers, renderServerConfig } from '../scripts/nats-config';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { certificates } = require('../scripts/deploy-secrets.js') as { certificates(dir: string, names?: string[]): boolean };

// NATS as compose and k8s run it: TLS with a private CA (certificates from scripts/deploy-secrets.js)
// and the generated users. A service connects with tls:// and NATS_TLS_CA; nothing gets in without both.
describe('NATS over TLS with the generated users', () => {
  const dir = mkdtempSync(join(tmpdir(), 'santral-tls-'));
  // A letter first: nats-server parses the value of $NATS_PASSWORD_… as config, and a leading '-' or
  // digit can read as a number or a date (then it refuses to start, about one boot in six).
  const passwords = Object.fromEntries(natsUsers().map((u) => [u.passwordVariable, `p${randomBytes(18).toString('base64url')}`]));
  let server: PrivateNatsServer;
  let tlsUrl: string;

  beforeAll(async () => {
    certificates(dir, ['localhost']);
    const tls = `tls { cert_file: ${JSON.stringify(join(dir, 'server.pem'))}, key_file: ${JSON.stringify(join(dir, 'server-key.pem'))} }`;
    server = await startPrivateNatsServer({ config: (port, storeDir) => `${renderServerConfig({ host: '127.0.0.1', port, storeDir })}\n${tls}\n`, env: passwords });
    tlsUrl = `tls://127.0.0.1:${server.port}`;
  });

  afterAll(async () => {
    await server?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const billing = { user: 'billing', pass: '' };
  beforeAll(() => (billing.pass = passwords.NATS_PASSWORD_BILLING));

  it('lets a service in over tls:// with the CA of its certificate and its own user', async () => {
    const nc = await connectNats({ servers: tlsUrl, inboxPrefix: natsInboxPrefix('billing'), auth: { ...billing, tlsCaFile: join(dir, 'ca.pem') }, connectTimeoutMs: 3000 });
    try {
      await expect(nc.flush()).resolves.toBeUndefined();
      expect(nc.info?.tls_required).toBe(true);
    } finally {
      await nc.close();
    }
  });

  it('refuses a client that does not trust the server’s CA, whether it asks for tls:// or nats://', async () => {
    await expect(connectNats({ servers: tlsUrl, auth: billing, connectTimeoutMs: 3000 })).rejects.toThrow();
    await expect(connectNats({ servers: `nats://127.0.0.1:${server.port}`, auth: billing, connectTimeoutMs: 3000 })).rejects.toThrow();
  });
});
