import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createSantralClient, idempotencyKey, ok, SantralApiError, type SantralClient } from '@santral/api-client';
import { ADMIN_KEY, startGateway, type Gateway } from '../../../apps/api-gateway/test/gateway-harness';
import { CLIENT_FILES, REGENERATE } from '../scripts/client-files';

// The checked-in client is what frontend teams and the e2e suite use: it must be the gateway's
// current contract. Its files are regenerated here in memory (as `npm run client:generate` does)
// and compared byte for byte; the in-process document must be the one a booted gateway serves.
// The generator runs in a child process (`generate.ts --json`, nothing written): openapi-typescript
// loads ES modules that Jest's CommonJS runtime cannot.

const root = resolve(__dirname, '..', '..', '..');
let gw: Gateway;
let baseUrl: string;
let rendered: { document: string; schema: string };

async function renderClientFiles(): Promise<{ document: string; schema: string }> {
  const script = resolve(__dirname, '..', 'scripts', 'generate.ts');
  const { stdout } = await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', script, '--json'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as { document: string; schema: string };
}

beforeAll(async () => {
  [gw, rendered] = await Promise.all([startGateway('gw_client'), renderClientFiles()]);
  await gw.app.listen(0, '127.0.0.1');
  baseUrl = await gw.app.getUrl();
});
afterAll(async () => gw?.close());

describe('the generated API client', () => {
  it('is current: the checked-in openapi.json and schema.ts are what client:generate writes now', () => {
    const stale = (['document', 'schema'] as const)
      .filter((file) => readFileSync(CLIENT_FILES[file], 'utf8') !== rendered[file])
      .map((file) => `${relative(root, CLIENT_FILES[file])} is stale: run \`${REGENERATE}\` and commit the result`);
    expect(stale).toEqual([]);
  });

  it('is generated from the very document the running gateway serves at /openapi.json', async () => {
    const served = await fetch(`${baseUrl}/openapi.json`);
    expect(served.status).toBe(200);
    expect(await served.json()).toEqual(JSON.parse(rendered.document));
  });

  describe('against the gateway over HTTP', () => {
    let admin: SantralClient;
    beforeAll(() => {
      admin = createSantralClient({ baseUrl: `${baseUrl}/`, apiKey: ADMIN_KEY });
    });

    it('sends the API key as a bearer token and types the answers', async () => {
      const created = await ok(admin.POST('/v1/organizations', { body: { name: 'Client Co', defaultCountry: 'TR', timeZone: 'Europe/Istanbul', plan: 'free' } }));
      expect(created.organization.name).toBe('Client Co');
      const org = createSantralClient({ baseUrl, apiKey: created.apiKey });
      const me = await ok(org.GET('/v1/api-keys/test'));
      expect(me).toMatchObject({ organizationId: created.organization.id });
    });

    it('turns a problem answer into a SantralApiError with its status and stable code', async () => {
      const missing = admin.GET('/v1/organizations/{id}', { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } });
      const error = await ok(missing).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SantralApiError);
      expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND', url: '/v1/organizations/00000000-0000-4000-8000-000000000000' });
      const anonymous = createSantralClient({ baseUrl, apiKey: 'sk_nope_0123456789abcdef' });
      await expect(ok(anonymous.GET('/v1/api-keys/test'))).rejects.toMatchObject({ status: 401 });
    });

    it('replays a POST sent again with the same Idempotency-Key, and a fresh key makes a new one', async () => {
      const body = { name: 'Replay Co', defaultCountry: 'TR', timeZone: 'Europe/Istanbul', plan: 'free' } as const;
      const header = idempotencyKey();
      expect(header['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
      const first = await ok(admin.POST('/v1/organizations', { params: { header }, body }));
      const again = await ok(admin.POST('/v1/organizations', { params: { header }, body }));
      expect(again.organization.id).toBe(first.organization.id);
      const other = await ok(admin.POST('/v1/organizations', { params: { header: idempotencyKey() }, body }));
      expect(other.organization.id).not.toBe(first.organization.id);
    });
  });
});
