import { v4 as uuidv4 } from 'uuid';
import { sealForTests, waitFor } from '@santral/testing';
import { CreateProviderAccountUseCase } from '../src/provider-accounts/create-provider-account.use-case';
import { type GatewayHarness, SIGNING_SECRET, startGateway } from './support/gateway-harness';

jest.setTimeout(60_000);

// Issue 9 item 1: originate handlers hold their inbox transaction's connection and must still get
// the durable claim written; with the default pool (DB_POOL_SIZE=10) nothing may starve.
describe('telephony-gateway under a burst of originates (default pool)', () => {
  let h: GatewayHarness;
  let accountId: string;

  beforeAll(async () => {
    h = await startGateway('tg_pool');
    const account = await h.app.get(CreateProviderAccountUseCase).execute({
      organizationId: h.orgId, type: 'simulator', name: 'Sim',
      settings: { timeScale: 60, seed: 3, ringSeconds: { min: 1, max: 2 }, talkSeconds: { min: 5, max: 10 } },
      sealedSecrets: sealForTests(h.orgId, { apiKey: 'sk_test', signingSecret: SIGNING_SECRET }),
    });
    accountId = account.id;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('dials all 16 originate commands sent at once', async () => {
    const calls = Array.from({ length: 16 }, (_, i) => ({
      organizationId: h.orgId, callId: uuidv4(), attempt: 1, kind: 'single', providerAccountId: accountId,
      from: '+902125550000', to: `+90555128${String(100 + i)}5`, ringTimeoutSeconds: 30, record: false,
    }));
    await Promise.all(calls.map((c) => h.sendCommand('telephony.call.originate.v1', c)));
    const dialled = async () => {
      const rows: Array<{ n: number }> = await h.db.dataSource.query(
        `SELECT count(*)::int AS n FROM telephony_calls WHERE call_id = ANY($1::uuid[]) AND provider_call_id IS NOT NULL`,
        [calls.map((c) => c.callId)],
      );
      return rows[0]!.n;
    };
    await waitFor(async () => (await dialled()) === 16, 30_000, 'all 16 dialled').catch(async (e) => { const claimed = await h.db.dataSource.query('SELECT state, count(*)::int AS n FROM telephony_calls GROUP BY 1'); throw new Error(`${e.message}; dialled ${await dialled()}; ${JSON.stringify(claimed)}`); });
    // Each attempt claimed once and dialled once.
    const claims: Array<{ n: number }> = await h.db.dataSource.query(`SELECT count(*)::int AS n FROM provider_call_refs WHERE ref_kind = 'call' AND call_id = ANY($1::uuid[])`, [calls.map((c) => c.callId)]);
    expect(claims[0]!.n).toBe(16);
  });
});
