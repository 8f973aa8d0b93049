import { sealForTests } from '@santral/testing';
import { v4 as uuidv4 } from 'uuid';
import { Rpc } from '@santral/contracts';
import { NatsRpcClient, RpcRemoteError, type UntypedRpcMessages } from '@santral/messaging';
import type { ProviderAccountView } from '../src/provider-accounts/provider-account.view';
import { type GatewayHarness, startGateway } from './support/gateway-harness';

/** /v1/provider-accounts use cases over NATS request/reply, as api-gateway calls them. */
describe('provider accounts over NATS RPC', () => {
  let h: GatewayHarness;
  // Untyped on purpose: some bodies here are wrong, to see the service refuse them.
  let rpc: NatsRpcClient<UntypedRpcMessages>;
  const call = <T>(subject: string, body: object) => rpc.request(subject, body, { timeoutMs: 5000 }) as Promise<T>;

  beforeAll(async () => {
    h = await startGateway('tg_accounts', {}, { rpc: true });
    rpc = new NatsRpcClient<UntypedRpcMessages>(h.nc, { subjectPrefix: h.prefix });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('creates, reads, lists, patches and tests an account; secrets are write-only and encrypted at rest', async () => {
    const created = await call<ProviderAccountView>(Rpc.Telephony.ProviderAccountCreate, {
      organizationId: h.orgId, type: 'simulator', name: 'Demo', settings: { timeScale: 60 }, sealedSecrets: sealForTests(h.orgId, { apiKey: 'sk_visible_nowhere', signingSecret: `whsec_${Buffer.from('x'.repeat(32)).toString('base64')}` }),
    });
    expect(created).toMatchObject({ type: 'simulator', name: 'Demo', secretNames: ['apiKey', 'signingSecret'], webhookUrl: `${h.baseUrl}/webhooks/simulator/${created.id}` });
    expect(JSON.stringify(created)).not.toContain('sk_visible_nowhere');
    const [row] = await h.db.dataSource.query(`SELECT secrets_sealed FROM provider_accounts WHERE id = $1`, [created.id]);
    expect(row.secrets_sealed).toMatch(/^v1\./);
    expect(row.secrets_sealed).not.toContain('sk_visible_nowhere');

    await expect(call(Rpc.Telephony.ProviderAccountGet, { organizationId: h.orgId, id: created.id })).resolves.toMatchObject({ id: created.id });
    const patched = await call<ProviderAccountView>(Rpc.Telephony.ProviderAccountUpdate, { organizationId: h.orgId, id: created.id, name: 'Renamed', settings: { seed: 3 } });
    expect(patched).toMatchObject({ name: 'Renamed', settings: { timeScale: 60, seed: 3 } });
    await expect(call(Rpc.Telephony.ProviderAccountTest, { organizationId: h.orgId, id: created.id })).resolves.toMatchObject({ ok: true });
    const ops = await call<ProviderAccountView>(Rpc.Telephony.OperatorMapSet, { organizationId: h.orgId, id: created.id, operators: [{ providerEmployeeId: '17', userId: uuidv4() }] });
    expect(ops.operators).toHaveLength(1);

    const second = await call<ProviderAccountView>(Rpc.Telephony.ProviderAccountCreate, { organizationId: h.orgId, type: 'simulator', name: 'Second' });
    const page1 = await call<{ items: ProviderAccountView[]; nextCursor: string | null }>(Rpc.Telephony.ProviderAccountList, { organizationId: h.orgId, limit: 1 });
    expect(page1.items.map((a) => a.id)).toEqual([second.id]);
    const page2 = await call<{ items: ProviderAccountView[]; nextCursor: string | null }>(Rpc.Telephony.ProviderAccountList, { organizationId: h.orgId, limit: 1, cursor: page1.nextCursor });
    expect(page2).toEqual({ items: [expect.objectContaining({ id: created.id })], nextCursor: null });
    await expect(call(Rpc.Telephony.ProviderAccountList, { organizationId: h.orgId, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
  });

  it('rotates the token in a CallGear webhook URL: the view masks it, the old one is refused, other organizations get 404', async () => {
    const created = await call<ProviderAccountView>(Rpc.Telephony.ProviderAccountCreate, { organizationId: h.orgId, type: 'callgear', name: 'CG', sealedSecrets: sealForTests(h.orgId, { apiKey: 'k' }) });
    const token = created.webhookUrl.split('/').pop()!;
    expect(created.maskedWebhookUrl).toBe(created.webhookUrl.replace(token, '********'));
    const end = (url: string) => fetch(`${url}/end`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ call_info: { call_session_id: 77, direction: 'in' } }) }).then((r) => r.status);
    await expect(end(created.webhookUrl)).resolves.toBe(200);

    await expect(call(Rpc.Telephony.ProviderAccountRotateWebhookToken, { organizationId: uuidv4(), id: created.id })).rejects.toMatchObject({ code: 'PROVIDER_ACCOUNT_NOT_FOUND' });
    const rotated = await call<ProviderAccountView>(Rpc.Telephony.ProviderAccountRotateWebhookToken, { organizationId: h.orgId, id: created.id });
    expect(rotated.webhookUrl).not.toBe(created.webhookUrl);
    expect(rotated.maskedWebhookUrl).toBe(created.maskedWebhookUrl);
    await expect(end(created.webhookUrl)).resolves.toBe(401);
    await expect(end(rotated.webhookUrl)).resolves.toBe(200);
    const sim = await call<ProviderAccountView>(Rpc.Telephony.ProviderAccountCreate, { organizationId: h.orgId, type: 'simulator', name: 'S' });
    expect(sim.maskedWebhookUrl).toBe(sim.webhookUrl);
    await expect(call(Rpc.Telephony.ProviderAccountRotateWebhookToken, { organizationId: h.orgId, id: sim.id })).rejects.toMatchObject({ code: 'PROVIDER_NOT_SUPPORTED' });
  });

  it('never crosses organizations and answers with stable error codes', async () => {
    const mine = await call<ProviderAccountView>(Rpc.Telephony.ProviderAccountCreate, { organizationId: h.orgId, type: 'simulator', name: 'Mine' });
    const other = uuidv4();
    await expect(call(Rpc.Telephony.ProviderAccountGet, { organizationId: other, id: mine.id })).rejects.toMatchObject({ code: 'PROVIDER_ACCOUNT_NOT_FOUND' });
    await expect(call(Rpc.Telephony.ProviderAccountList, { organizationId: other })).resolves.toEqual({ items: [], nextCursor: null });
    await expect(call(Rpc.Telephony.ProviderAccountCreate, { organizationId: h.orgId, type: 'vonage', name: 'x' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(call(Rpc.Telephony.ProviderAccountCreate, { organizationId: h.orgId, type: 'twilio', name: 'no creds' })).rejects.toBeInstanceOf(RpcRemoteError);
    await expect(call(Rpc.Telephony.ProviderAccountCreate, { organizationId: h.orgId, type: 'twilio', name: 'no creds' })).rejects.toMatchObject({ wire: { status: 422 } });
  });
});
