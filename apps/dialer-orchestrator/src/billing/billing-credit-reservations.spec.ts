import { NatsRpcClient, RpcRemoteError } from '@santral/messaging';
import { asOrgId } from '@santral/persistence';
import { BillingCreditReservations, creditReservationsProvider } from './billing-credit-reservations';
import { UnmeteredCreditReservations } from './credit-reservations';
import type { DialerConfig } from '../config';

const org = asOrgId('0190aaaa-0000-7000-8000-000000000001');
const call = { organizationId: org, callId: '0190aaaa-0000-7000-8000-000000000002', attempt: 1, estimatedSeconds: 600, to: '+905551230005' };

function fakeRpc(answer: (subject: string, payload: unknown) => unknown): { rpc: NatsRpcClient; asked: Array<[string, unknown]> } {
  const asked: Array<[string, unknown]> = [];
  const rpc = {
    request: async (subject: string, payload: unknown) => {
      asked.push([subject, payload]);
      return answer(subject, payload);
    },
  } as unknown as NatsRpcClient;
  return { rpc, asked };
}

describe('BillingCreditReservations (the dialer → billing port over rpc.billing.*)', () => {
  it('holds credit through rpc.billing.credits.reserve and returns its reservation id', async () => {
    const { rpc, asked } = fakeRpc(() => ({ reservationId: 'r-1', amount: 15, availableAfter: 85, expiresAt: new Date().toISOString() }));
    await expect(new BillingCreditReservations(rpc).reserve(call)).resolves.toEqual({ ok: true, reservationId: 'r-1' });
    expect(asked).toEqual([['rpc.billing.credits.reserve', { organizationId: org, callId: call.callId, attempt: 1, estimatedSeconds: 600, to: call.to }]]);
  });

  it('answers INSUFFICIENT_CREDITS as a refusal and throws any other failure', async () => {
    const refuse = (code: string) => () => {
      throw new RpcRemoteError('rpc.billing.credits.reserve', { code, message: code } as never);
    };
    await expect(new BillingCreditReservations(fakeRpc(refuse('INSUFFICIENT_CREDITS')).rpc).reserve(call)).resolves.toEqual({ ok: false, code: 'INSUFFICIENT_CREDITS' });
    await expect(new BillingCreditReservations(fakeRpc(refuse('RESERVATION_ALREADY_SETTLED')).rpc).reserve(call)).rejects.toBeInstanceOf(RpcRemoteError);
  });

  it.each([
    [20, 10, true],
    [10, 10, true],
    [9.9999, 10, false],
  ])('mayStartCall: available %d against a minimum of %d → %p', async (available, minCreditsToStart, may) => {
    const { rpc } = fakeRpc(() => ({ organizationId: org, balance: available, reserved: 0, available, minCreditsToStart }));
    await expect(new BillingCreditReservations(rpc).mayStartCall(org)).resolves.toBe(may);
  });

  it('is bound to billing unless CREDIT_RESERVATIONS=unmetered', () => {
    const { rpc } = fakeRpc(() => null);
    const make = (mode: DialerConfig['CREDIT_RESERVATIONS']) => (creditReservationsProvider as { useFactory: (c: unknown, r: unknown) => unknown }).useFactory({ CREDIT_RESERVATIONS: mode }, rpc);
    expect(make('billing')).toBeInstanceOf(BillingCreditReservations);
    expect(make('unmetered')).toBeInstanceOf(UnmeteredCreditReservations);
  });
});
