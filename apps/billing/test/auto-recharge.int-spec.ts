import { randomUUID } from 'node:crypto';
import { Rpc, Subjects } from '@santral/contracts';
import { RpcRemoteError } from '@santral/messaging';
import { waitFor } from '@santral/testing';
import { eventsOf, grant, ledgerState, newOrg, publishEnded, setPlan, settlementOf, startBilling, type BillingHarness } from './billing-harness';
import { startStripeStandIn, type StripeStandIn } from './stripe-stand-in';

jest.setTimeout(120_000);

const WEBHOOK_SECRET = 'whsec_billing_test_secret';
const PLAN = { ratePerMinute: 10_000, incrementSeconds: 1, firstIncrementSeconds: 0, unconnectedAttemptCharge: 0, forwardingRatePerMinute: 0, countryRates: {} };

// H4 with three billing replicas sharing one schema and one durable consumer: each crossing of the
// auto-recharge threshold charges Stripe (a local stand-in of the PaymentIntents API) exactly once.
describe('billing: auto-recharge once per crossing, three replicas, Stripe stand-in', () => {
  let h: BillingHarness;
  let stripe: StripeStandIn;

  beforeAll(async () => {
    stripe = await startStripeStandIn();
    h = await startBilling({
      replicas: 3,
      env: { PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_standin', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: stripe.url, PAYMENT_WORKER_INTERVAL_MS: '100' },
    });
  });
  afterAll(async () => {
    await h?.close();
    await stripe?.close();
  });

  async function account(paymentMethod: string) {
    const org = newOrg();
    await setPlan(h, org, PLAN);
    await grant(h, org, 100);
    await h.rpc.request(Rpc.Billing.SettingsUpdate, {
      organizationId: org, autoRechargeEnabled: true, autoRechargeThreshold: 50, autoRechargeAmount: 100, stripeCustomerId: 'cus_test', stripePaymentMethodId: paymentMethod,
    });
    return org;
  }

  /** `n` calls of `minutes` each, settled (unreserved: the balance is drawn as far as it goes). */
  async function spend(org: ReturnType<typeof newOrg>, n: number, minutes: number) {
    const calls = Array.from({ length: n }, () => randomUUID());
    await Promise.all(calls.map((callId) => publishEnded(h, org, { callId, talkSeconds: minutes * 60 })));
    for (const callId of calls) await waitFor(() => settlementOf(h, org, callId), 20_000, `settlement of ${callId}`);
  }

  const paymentsOf = async (org: string) =>
    (await h.db.query(`SELECT purpose, state, amount::bigint AS amount, provider FROM payments WHERE organization_id = $1 AND purpose = 'auto_recharge' ORDER BY created_at`, [org])) as Array<{ state: string; amount: string }>;
  const intentsOf = (org: string) => stripe.created.filter((i) => i.metadata.organizationId === org);

  it('charges once for one crossing, credits it once, and once more for the next crossing', async () => {
    const org = await account('pm_card_visa');
    await spend(org, 20, 3); // 100 → 40 across the 50 line: one crossing, whatever the replicas
    await waitFor(async () => (await paymentsOf(org)).some((p) => p.state === 'succeeded'), 20_000, 'auto-recharge succeeded');
    await new Promise((ok) => setTimeout(ok, 600)); // several worker passes of all three replicas
    expect((await paymentsOf(org)).map((p) => p.state)).toEqual(['succeeded']);
    expect(intentsOf(org)).toHaveLength(1);
    expect(intentsOf(org)[0]).toMatchObject({ amount: 10_000, currency: 'usd', customer: 'cus_test', payment_method: 'pm_card_visa', status: 'succeeded' });
    const s = await ledgerState(h, org);
    expect({ balance: s.credits - s.debits, sums: [s.sumCredits, s.sumDebits] }).toEqual({ balance: 1_400_000, sums: [s.credits, s.debits] });
    await waitFor(() => eventsOf(h, Subjects.Billing.TopupCompleted, org).filter((e) => e.data.auto === true).length === 1, 10_000, 'topup.completed');

    await spend(org, 10, 10); // 140 → 40 (drawn as far as it goes): the second crossing
    await waitFor(async () => (await paymentsOf(org)).filter((p) => p.state === 'succeeded').length === 2, 20_000, 'second auto-recharge');
    await new Promise((ok) => setTimeout(ok, 600));
    expect(intentsOf(org)).toHaveLength(2);
    expect(new Set(stripe.keys.filter((k) => intentsOf(org).some((i) => i.metadata.paymentId === k))).size).toBe(2);
  });

  it('records a declined card as failed and warns; nothing is credited and it is not retried within the crossing', async () => {
    const org = await account('pm_card_chargeDeclined');
    await spend(org, 6, 10); // 100 → 40
    await waitFor(async () => (await paymentsOf(org)).some((p) => p.state === 'failed'), 20_000, 'failed payment');
    await new Promise((ok) => setTimeout(ok, 600));
    expect((await paymentsOf(org)).map((p) => p.state)).toEqual(['failed']);
    const s = await ledgerState(h, org);
    expect(s.credits).toBe(1_000_000);
    expect(eventsOf(h, Subjects.Billing.TopupCompleted, org).filter((e) => e.data.auto === true)).toHaveLength(0);
  });

  it('leaves a processing payment pending, then credits it once from the signed webhook, however often it is delivered', async () => {
    const org = await account('pm_card_processing');
    await spend(org, 6, 10);
    await waitFor(async () => (await paymentsOf(org)).some((p) => p.state === 'pending'), 20_000, 'pending payment');
    expect((await ledgerState(h, org)).credits).toBe(1_000_000);
    const intent = { ...intentsOf(org)[0]!, status: 'succeeded' };
    const hook = stripe.signedEvent('payment_intent.succeeded', intent, WEBHOOK_SECRET);
    await expect(h.rpc.request(Rpc.Billing.StripeWebhook, hook)).resolves.toEqual({ applied: true });
    await expect(h.rpc.request(Rpc.Billing.StripeWebhook, hook)).resolves.toEqual({ applied: false });
    await expect(h.rpc.request(Rpc.Billing.StripeWebhook, stripe.signedEvent('payment_intent.succeeded', intent, WEBHOOK_SECRET))).resolves.toEqual({ applied: false });
    expect((await ledgerState(h, org)).credits).toBe(2_000_000);
    const forged = await h.rpc.request(Rpc.Billing.StripeWebhook, stripe.signedEvent('payment_intent.succeeded', intent, 'whsec_someone_else')).catch((e: unknown) => e);
    expect((forged as RpcRemoteError).wire.code).toBe('WEBHOOK_SIGNATURE_INVALID');
  });
});
