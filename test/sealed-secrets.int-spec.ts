import type { NatsConnection, Msg } from '@nats-io/nats-core';
import { Rpc, withPrefix } from '@santral/contracts';
import { connectNats, NatsRpcClient, type UntypedRpcMessages } from '@santral/messaging';
import { sealForTests, testEnv, waitFor } from '@santral/testing';
import { startGateway, type Gateway } from '../apps/api-gateway/test/gateway-harness';
import { startTelephonyBeside, type TelephonyBeside } from './support/telephony-beside';

// Provider secrets cross NATS sealed for the telephony-gateway: a subscriber outside the queue
// group (here: on the shared server, where nothing stops it) sees the requests, never the secrets.
const SECRET = 'sk_plaintext_must_not_cross_the_bus_01';
const NEW_SECRET = 'sk_rotated_must_not_cross_the_bus_002';
const SIGNING_SECRET = `whsec_${Buffer.from('sealed-secrets-test-signing-key!').toString('base64')}`;

describe('provider secrets on the bus', () => {
  let gw: Gateway;
  let telephony: TelephonyBeside | undefined;
  let spy: NatsConnection;
  const seen: Msg[] = [];

  beforeAll(async () => {
    gw = await startGateway('gw_sealed', { RPC_TIMEOUT_MS: '3000' });
    telephony = await startTelephonyBeside(gw, 'tg_sealed');
    spy = await connectNats({ servers: testEnv.natsUrl, name: 'sealed-secrets-spy' });
    for (const subject of [Rpc.Telephony.ProviderAccountCreate, Rpc.Telephony.ProviderAccountUpdate]) {
      spy.subscribe(withPrefix(gw.subjectPrefix, subject), { callback: (_e, m) => void seen.push(m) });
    }
    await spy.flush();
  });

  afterAll(async () => {
    await spy?.close();
    await telephony?.close();
    await gw?.close();
  });

  it('creates and updates an account over HTTP with plain secrets; on NATS they are a sealed box, and they work', async () => {
    const org = await gw.createOrg();
    const created = await gw.request({ method: 'POST', url: '/v1/provider-accounts', key: org.key, body: { type: 'simulator', name: 'Sim', settings: { timeScale: 60 }, secrets: { apiKey: SECRET, signingSecret: SIGNING_SECRET } } });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string; secretNames: string[] }>().id;
    expect(created.json<{ secretNames: string[] }>().secretNames).toEqual(['apiKey', 'signingSecret']);
    const patched = await gw.request({ method: 'PATCH', url: `/v1/provider-accounts/${id}`, key: org.key, body: { secrets: { apiKey: NEW_SECRET } } });
    expect(patched.statusCode).toBe(200);

    await waitFor(() => seen.length >= 2, 5000, 'both requests seen by the spy');
    for (const m of seen) {
      const body = m.string();
      expect(body).not.toContain(SECRET);
      expect(body).not.toContain(NEW_SECRET);
      expect(body).not.toContain(SIGNING_SECRET);
      expect(body).not.toContain('"secrets"');
      expect(m.json<{ sealedSecrets: string }>().sealedSecrets).toMatch(/^sealed\.v1\./);
    }
    // The telephony-gateway opened them: the simulator accepts the account's credentials.
    const check = await gw.request({ method: 'POST', url: `/v1/provider-accounts/${id}/test`, key: org.key });
    expect(check.json()).toMatchObject({ ok: true });
  });

  it('refuses a box sealed for another organization, and plain secrets on the bus are not taken', async () => {
    const rpc = new NatsRpcClient<UntypedRpcMessages>(spy, { subjectPrefix: gw.subjectPrefix });
    const [a, b] = [await gw.createOrg(), await gw.createOrg()];
    const replayed = { organizationId: b.id, type: 'simulator', name: 'Replayed', sealedSecrets: sealForTests(a.id, { apiKey: SECRET }) };
    await expect(rpc.request(Rpc.Telephony.ProviderAccountCreate, replayed, { timeoutMs: 3000 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const plain = { organizationId: a.id, type: 'simulator', name: 'Plain', secrets: { apiKey: SECRET } };
    const made = (await rpc.request(Rpc.Telephony.ProviderAccountCreate, plain, { timeoutMs: 3000 }).catch((e: unknown) => e)) as { secretNames?: string[] };
    expect(made.secretNames ?? []).not.toContain('apiKey');
  });
});
