import { randomUUID } from 'node:crypto';
import { Rpc } from '@santral/contracts';
import { RpcRemoteError } from '@santral/messaging';
import { waitFor } from '@santral/testing';
import { DataSource } from 'typeorm';
import { grant, ledgerState, newOrg, startBilling, type BillingHarness } from './billing-harness';
import { startStripeStandIn, type StripeStandIn } from './stripe-stand-in';

jest.setTimeout(120_000);

/** node-postgres' pool under TypeORM: how many connections are lent out right now. */
function inUse(h: BillingHarness): number {
  const pool = (h.app.get(DataSource).driver as unknown as { master: { totalCount: number; idleCount: number } }).master;
  return pool.totalCount - pool.idleCount;
}

// H4 top-ups against a local stand-in of Stripe's PaymentIntents API that can be slow or unreachable:
// the payment is committed before Stripe is asked, so the provider's latency holds no database
// connection, and a failed ask leaves a payment nobody is credited for, that the same key completes.
describe('billing top-ups with a slow or unreachable provider (real Postgres, NATS, Stripe stand-in)', () => {
  let h: BillingHarness;
  let stripe: StripeStandIn;

  beforeAll(async () => {
    stripe = await startStripeStandIn();
    h = await startBilling({ env: { PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_standin', STRIPE_WEBHOOK_SECRET: 'whsec_topup_test', STRIPE_API_URL: stripe.url, DB_POOL_SIZE: '10' } });
  });
  afterAll(async () => {
    await h?.close();
    await stripe?.close();
  });

  const topUp = (organizationId: string, idempotencyKey: string, amount = 25) =>
    h.rpc.request(Rpc.Billing.TopupCreate, { organizationId, amount, currency: 'USD', idempotencyKey }, { timeoutMs: 30_000 });

  it('while Stripe is slow, top-ups waiting on it hold no database connection; each then answers its pending intent', async () => {
    const org = newOrg();
    await grant(h, org, 1);
    // What the service's own loops hold (its outbox relay keeps one; pollers borrow one now and then).
    let baseline = 0;
    for (let i = 0; i < 5; i++, await new Promise((r) => setTimeout(r, 50))) baseline = Math.max(baseline, inUse(h));
    const release = stripe.stall();
    const replies = Promise.all(Array.from({ length: 6 }, () => topUp(org, randomUUID())));
    try {
      await waitFor(() => stripe.waiting() === 6, 15_000, 'six top-ups waiting on Stripe');
      // Held inside their transactions, the six would take six connections more.
      expect(inUse(h)).toBeLessThanOrEqual(baseline + 1);
    } finally {
      release();
    }
    const answered = await replies;
    expect(answered.map((r) => r.state)).toEqual(Array(6).fill('pending'));
    for (const r of answered) expect(r.clientSecret).toMatch(/_secret_/);
    expect((await ledgerState(h, org)).credits).toBe(10_000); // the 1 credit granted (1 credit = 10,000 units); nothing from a pending intent
  });

  it('Stripe unreachable: the top-up fails, nothing is credited, the payment waits as charging; the same key then completes it with one intent', async () => {
    const org = newOrg();
    await grant(h, org, 1);
    const key = randomUUID();
    stripe.dropNext(3); // the first try and the client's two network retries
    const failed = await topUp(org, key).then(() => undefined, (e: unknown) => e);
    expect(failed).toBeInstanceOf(RpcRemoteError);
    expect((failed as RpcRemoteError).wire.code).toBe('PAYMENT_PROVIDER_ERROR');
    const payments = async () => (await h.db.query(`SELECT id, state FROM payments WHERE organization_id = $1 AND purpose = 'top_up' AND provider = 'stripe'`, [org])) as Array<{ id: string; state: string }>;
    expect((await payments()).map((p) => p.state)).toEqual(['charging']);
    const retried = await topUp(org, key);
    expect(retried).toMatchObject({ state: 'pending', topupId: (await payments())[0]!.id });
    expect(stripe.created.filter((i) => i.metadata.organizationId === org)).toHaveLength(1);
    expect(new Set(stripe.keys.filter((k) => k === retried.topupId)).size).toBe(1);
    expect((await ledgerState(h, org)).credits).toBe(10_000);
  });
});
