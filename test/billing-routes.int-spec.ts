import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { makeEnvelope, Subjects } from '@santral/contracts';
import { connectNats } from '@santral/messaging';
import { asOrgId } from '@santral/persistence';
import { testEnv, waitFor } from '@santral/testing';
import { ADMIN_KEY, expectProblem, startGateway, type Gateway } from '../apps/api-gateway/test/gateway-harness';
import { endedEvent } from '../apps/billing/test/billing-harness';
import { startStripeStandIn, type StripeStandIn } from '../apps/billing/test/stripe-stand-in';
import { startBillingBeside, type BillingBeside } from './support/billing-beside';
import { organizationKnownTo, type RoleOrg } from './support/beside';

jest.setTimeout(120_000);

// /v1/billing/* end to end: the real api-gateway (auth, roles, validation, problem+json, idempotency)
// asks the real billing service over NATS; billing learns organizations from the gateway's events.
// Billing runs with the Stripe adapter against a local stand-in of the PaymentIntents API.
const WEBHOOK_SECRET = 'whsec_routes_test_secret';

type Org = RoleOrg;

describe('billing routes: api-gateway HTTP → NATS request/reply → billing', () => {
  let gw: Gateway;
  let billing: BillingBeside;
  let stripe: StripeStandIn;
  let nc: NatsConnection;

  beforeAll(async () => {
    stripe = await startStripeStandIn();
    gw = await startGateway('gw_bill', { RPC_TIMEOUT_MS: '5000' });
    billing = await startBillingBeside(gw, 'bil_routes', { PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_routes', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: stripe.url });
    nc = await connectNats({ servers: testEnv.natsUrl, name: 'billing-routes' });
  });

  afterAll(async () => {
    await nc?.close();
    await billing?.close();
    await gw?.close();
    await stripe?.close();
  });

  const org = (): Promise<Org> => organizationKnownTo(gw, billing);

  const credit = (orgId: string, amount: number, headers?: Record<string, string>) =>
    gw.request({ method: 'POST', url: `/v1/billing/organizations/${orgId}/credits`, key: ADMIN_KEY, body: { amount, note: 'bank transfer' }, headers });
  const balanceOf = async (key: string) => {
    const res = await gw.request({ method: 'GET', url: '/v1/billing/balance', key });
    expect(res.statusCode).toBe(200);
    return res.json<{ balance: number; reserved: number; available: number; minCreditsToStart: number }>();
  };
  const topUp = (key: string, body: unknown, idempotencyKey?: string) =>
    gw.request({ method: 'POST', url: '/v1/billing/top-ups', key, body, headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {} });

  it('platform admin credits an organization; its balance and ledger show it, another organization sees none of it', async () => {
    const a = await org();
    const b = await org();
    const res = await credit(a.id, 120.5);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ state: 'succeeded', amount: 120.5, currency: 'USD', paymentProvider: 'manual' });
    await expect(balanceOf(a.key)).resolves.toEqual({ organizationId: a.id, balance: 120.5, reserved: 0, available: 120.5, minCreditsToStart: 10 });
    await expect(balanceOf(a.supervisor)).resolves.toMatchObject({ balance: 120.5 });
    await expect(balanceOf(b.key)).resolves.toMatchObject({ balance: 0, available: 0 });
    const ledger = await gw.request({ method: 'GET', url: '/v1/billing/ledger', key: a.key });
    expect(ledger.json<{ items: Array<{ kind: string; amount: number; balanceDelta: number }> }>().items).toMatchObject([{ kind: 'top_up', amount: 120.5, balanceDelta: 120.5 }]);
    expect((await gw.request({ method: 'GET', url: '/v1/billing/ledger', key: b.key })).json()).toEqual({ items: [], nextCursor: null });
  });

  it('refuses the platform route to organization keys (403), an unknown organization (404), and bad amounts (422) — writing nothing', async () => {
    const a = await org();
    const before = await billing.rowCounts();
    for (const key of [a.key, a.supervisor, a.operator]) {
      expectProblem(await gw.request({ method: 'POST', url: `/v1/billing/organizations/${a.id}/credits`, key, body: { amount: 5, note: 'x' } }), 403, 'FORBIDDEN');
    }
    expectProblem(await credit(randomUUID(), 5), 404, 'NOT_FOUND');
    for (const amount of [0, -5, 1_000_001, 0.001]) expectProblem(await credit(a.id, amount), 422, 'INVALID_TOPUP_AMOUNT');
    expect(await billing.rowCounts()).toEqual(before);
  });

  it('pages the ledger newest first with a cursor, filters by kind, and refuses a forged cursor', async () => {
    const a = await org();
    for (const amount of [1, 2, 3]) expect((await credit(a.id, amount)).statusCode).toBe(201);
    const first = (await gw.request({ method: 'GET', url: '/v1/billing/ledger?limit=2', key: a.key })).json<{ items: Array<{ amount: number }>; nextCursor: string }>();
    expect(first.items.map((i) => i.amount)).toEqual([3, 2]);
    const second = (await gw.request({ method: 'GET', url: `/v1/billing/ledger?limit=2&cursor=${first.nextCursor}`, key: a.key })).json<{ items: Array<{ amount: number }>; nextCursor: null }>();
    expect(second).toEqual({ items: [expect.objectContaining({ amount: 1 })], nextCursor: null });
    expect((await gw.request({ method: 'GET', url: '/v1/billing/ledger?kind=post', key: a.key })).json()).toEqual({ items: [], nextCursor: null });
    expectProblem(await gw.request({ method: 'GET', url: '/v1/billing/ledger?kind=gift', key: a.key }), 422, 'VALIDATION_FAILED');
    expectProblem(await gw.request({ method: 'GET', url: '/v1/billing/ledger?cursor=WyJ4Iiwibm9wZSJd', key: a.key }), 400, 'INVALID_CURSOR');
  });

  it('top-ups: Idempotency-Key required, a Stripe PaymentIntent left pending (never credited) until its signed webhook, replay-safe', async () => {
    const a = await org();
    expectProblem(await topUp(a.key, { amount: 50, currency: 'USD' }), 400, 'IDEMPOTENCY_KEY_REQUIRED');
    const key = randomUUID();
    const res = await topUp(a.key, { amount: 50, currency: 'USD' }, key);
    expect(res.statusCode).toBe(201);
    const topup = res.json<{ topupId: string; state: string; paymentReference: string; clientSecret: string }>();
    expect(topup).toMatchObject({ state: 'pending', amount: 50, currency: 'USD', paymentProvider: 'stripe', paymentReference: expect.stringMatching(/^pi_/), clientSecret: expect.stringMatching(/_secret_/) });
    const replay = await topUp(a.key, { amount: 50, currency: 'USD' }, key);
    expect({ status: replay.statusCode, replayed: replay.headers['idempotent-replayed'], id: replay.json<{ topupId: string }>().topupId }).toEqual({ status: 201, replayed: 'true', id: topup.topupId });
    expectProblem(await topUp(a.key, { amount: 75, currency: 'USD' }, key), 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(stripe.created.filter((i) => i.metadata.organizationId === a.id)).toHaveLength(1);
    await expect(balanceOf(a.key)).resolves.toMatchObject({ balance: 0 });

    const intent = { ...stripe.created.find((i) => i.id === topup.paymentReference)!, status: 'succeeded' };
    const hook = stripe.signedEvent('payment_intent.succeeded', intent, WEBHOOK_SECRET);
    const deliver = (payload: string, signature: string) =>
      gw.request({ method: 'POST', url: '/v1/billing/stripe/webhook', rawBody: payload, headers: { 'content-type': 'application/json', 'stripe-signature': signature } });
    expect((await deliver(hook.payload, hook.signature)).statusCode).toBe(200);
    expect((await deliver(hook.payload, hook.signature)).statusCode).toBe(200); // Stripe retries: no second credit
    await expect(balanceOf(a.key)).resolves.toMatchObject({ balance: 50 });
    expectProblem(await deliver(hook.payload, 't=1,v1=00'), 401, 'WEBHOOK_SIGNATURE_INVALID');
    expectProblem(await deliver(hook.payload.replace('"amount":5000', '"amount":9999'), hook.signature), 401, 'WEBHOOK_SIGNATURE_INVALID');
    await expect(balanceOf(a.key)).resolves.toMatchObject({ balance: 50 });
  });

  it('top-ups refuse an unknown currency, zero, negative and absurd amounts, and every role but admin — writing nothing', async () => {
    const a = await org();
    const before = await billing.rowCounts();
    expectProblem(await topUp(a.key, { amount: 10, currency: 'XYZ' }, randomUUID()), 422, 'UNSUPPORTED_CURRENCY');
    expectProblem(await topUp(a.key, { amount: 10, currency: 'EUR' }, randomUUID()), 422, 'UNSUPPORTED_CURRENCY'); // not the plan's
    for (const amount of [0, -1, 5_000_000, 1.234]) expectProblem(await topUp(a.key, { amount, currency: 'USD' }, randomUUID()), 422, 'INVALID_TOPUP_AMOUNT');
    expectProblem(await topUp(a.key, { amount: 'ten', currency: 'USD' }, randomUUID()), 422, 'VALIDATION_FAILED');
    for (const key of [a.supervisor, a.operator]) expectProblem(await topUp(key, { amount: 10, currency: 'USD' }, randomUUID()), 403, 'FORBIDDEN');
    expect(await billing.rowCounts()).toEqual(before);
  });

  it('settings: admin only; auto-recharge needs a payment method (422, nothing written); the low line shows in the balance', async () => {
    const a = await org();
    const put = (key: string, body: unknown) => gw.request({ method: 'PUT', url: '/v1/billing/settings', key, body });
    for (const key of [a.supervisor, a.operator]) expectProblem(await put(key, { lowBalanceThreshold: 5 }), 403, 'FORBIDDEN');
    const before = await billing.rowCounts();
    expectProblem(await put(a.key, { autoRechargeEnabled: true, autoRechargeAmount: 50, autoRechargeThreshold: 20 }), 422, 'VALIDATION_FAILED');
    expectProblem(await put(a.key, { lowBalanceThreshold: -1 }), 422, 'VALIDATION_FAILED');
    expectProblem(await put(a.key, { lowBalanceThreshold: 3e-323 }), 422, 'VALIDATION_FAILED'); // not a number of credits with ≤ 4 decimals
    expect(await billing.rowCounts()).toEqual(before);
    const ok = await put(a.key, { lowBalanceThreshold: 25, autoRechargeEnabled: true, autoRechargeAmount: 50, autoRechargeThreshold: 20, stripePaymentMethodId: 'pm_card_visa' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ organizationId: a.id, lowBalanceThreshold: 25, autoRechargeEnabled: true, autoRechargeThreshold: 20, autoRechargeAmount: 50, paymentMethodSaved: true });
    await expect(balanceOf(a.key)).resolves.toMatchObject({ lowBalanceThreshold: 25 });
  });

  it('price plan: the default plan for admin and supervisor, 403 for an operator', async () => {
    const a = await org();
    for (const key of [a.key, a.supervisor]) {
      const res = await gw.request({ method: 'GET', url: '/v1/billing/price-plan', key });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ organizationId: a.id, currency: 'USD', ratePerMinute: 0.1, incrementSeconds: 1, firstIncrementSeconds: 60, unconnectedAttemptCharge: 0, forwardingRatePerMinute: 0.05, countryRates: [] });
    }
    expectProblem(await gw.request({ method: 'GET', url: '/v1/billing/price-plan', key: a.operator }), 403, 'FORBIDDEN');
    expectProblem(await gw.request({ method: 'GET', url: '/v1/billing/balance', key: a.operator }), 403, 'FORBIDDEN');
    expectProblem(await gw.request({ method: 'GET', url: '/v1/billing/ledger', key: a.operator }), 403, 'FORBIDDEN');
  });

  it('cost report: per day and campaign from the settled calls, with flags; only the organization’s own calls; bad ranges 422', async () => {
    const a = await org();
    const b = await org();
    expect((await credit(a.id, 100)).statusCode).toBe(201);
    const campaign = randomUUID();
    const ended = [
      { callId: randomUUID(), campaignId: campaign, talkSeconds: 240, forwardedSeconds: 30 },
      { callId: randomUUID(), campaignId: campaign, talkSeconds: 300 },
      { callId: randomUUID(), campaignId: campaign, reason: 'no_answer' as const },
    ];
    for (const e of ended) {
      const env = makeEnvelope({ type: Subjects.Dialer.CallEnded, source: 'santral/dialer-orchestrator', data: endedEvent(asOrgId(a.id), e), orgid: a.id, subject: e.callId });
      await jetstream(nc).publish(`${gw.subjectPrefix}.${Subjects.Dialer.CallEnded}`, JSON.stringify(env));
    }
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const url = `/v1/billing/cost-report?from=${from}&to=${to}`;
    await waitFor(async () => (await gw.request({ method: 'GET', url, key: a.key })).json<{ rows: Array<{ calls: number }> }>().rows[0]?.calls === 3, 15_000, 'three settled calls');
    const report = (await gw.request({ method: 'GET', url, key: a.supervisor })).json<{ rows: unknown[] }>();
    // 240 s and 300 s at 0.1/min, plus 30 s forwarded at 0.05/min: 0.4 + 0.5 + 0.025.
    expect(report.rows).toEqual([
      {
        day: new Date().toISOString().slice(0, 10), campaignId: campaign, calls: 3, minutes: 9, cost: 0.925, averageDurationSeconds: 270,
        failureRate: 0.3333, forwardingRate: 0.5, costPerCall: 0.3083, flags: ['LONG_AVERAGE', 'HIGH_FAILURE', 'HIGH_FORWARDING'],
      },
    ]);
    expect((await gw.request({ method: 'GET', url, key: b.key })).json()).toEqual({ rows: [] });
    expectProblem(await gw.request({ method: 'GET', url: `/v1/billing/cost-report?from=${to}&to=${from}`, key: a.key }), 422, 'VALIDATION_FAILED');
    expectProblem(await gw.request({ method: 'GET', url: '/v1/billing/cost-report?from=yesterday&to=today', key: a.key }), 422, 'VALIDATION_FAILED');
    expectProblem(await gw.request({ method: 'GET', url, key: a.operator }), 403, 'FORBIDDEN');
  });
});
