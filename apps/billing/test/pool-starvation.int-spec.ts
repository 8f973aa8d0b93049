import { randomUUID } from 'node:crypto';
import { Rpc } from '@santral/contracts';
import { grant, newOrg, startBilling, type BillingHarness } from './billing-harness';

jest.setTimeout(60_000);

/**
 * Billing on a small pool: a request that already holds a connection must never wait for a
 * second one, or as many such requests as there are connections hold the whole pool and wait on
 * each other until the pool times out.
 */
describe('billing on a small pool (real Postgres and NATS)', () => {
  let h: BillingHarness;

  beforeAll(async () => {
    h = await startBilling({ env: { DB_POOL_SIZE: '4', DB_POOL_ACQUIRE_TIMEOUT_MS: '1000' } });
  });
  afterAll(async () => h?.close());

  it('reservations repeated at once, more of them than connections (the dialer retried), each answer the reservation made, without a second connection', async () => {
    const org = newOrg();
    await grant(h, org, 100);
    const request = { organizationId: org, callId: randomUUID(), attempt: 1, estimatedSeconds: 60 };
    const first = await h.rpc.request(Rpc.Billing.CreditsReserve, request);
    const again = await Promise.all(Array.from({ length: 8 }, () => h.rpc.request(Rpc.Billing.CreditsReserve, request)));
    for (const reply of again) expect(reply).toEqual(first);
    const balance = await h.rpc.request(Rpc.Billing.BalanceGet, { organizationId: org });
    expect(balance.reserved).toBe(first.amount);
  });
});
