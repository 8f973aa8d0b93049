import { Injectable, type Provider } from '@nestjs/common';
import { Rpc } from '@santral/contracts';
import { NatsRpcClient, RpcRemoteError } from '@santral/messaging';
import type { OrgId } from '@santral/persistence';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { DialerConfig } from '../config';
import { CreditReservations, UnmeteredCreditReservations, type ReservationOutcome, type ReservationRequest } from './credit-reservations';

/**
 * The billing service behind the port (issue 12): `mayStartCall` asks rpc.billing.balance.get
 * (available ≥ the organization's minimum), `reserve` asks rpc.billing.credits.reserve, which is
 * idempotent on (call, attempt) — a retry after a timeout gets the same hold. Only
 * INSUFFICIENT_CREDITS is an answer; any other failure (billing unreachable, the attempt already
 * settled) is thrown, so nothing is dialled on a hold that may not exist.
 */
@Injectable()
export class BillingCreditReservations extends CreditReservations {
  constructor(private readonly rpc: NatsRpcClient) {
    super();
  }

  async mayStartCall(orgId: OrgId): Promise<boolean> {
    const balance = await this.rpc.request(Rpc.Billing.BalanceGet, { organizationId: orgId });
    return balance.available >= balance.minCreditsToStart;
  }

  async reserve(request: ReservationRequest): Promise<ReservationOutcome> {
    try {
      const held = await this.rpc.request(Rpc.Billing.CreditsReserve, {
        organizationId: request.organizationId,
        callId: request.callId,
        attempt: request.attempt,
        estimatedSeconds: request.estimatedSeconds,
        ...(request.to ? { to: request.to } : {}),
      });
      return { ok: true, reservationId: held.reservationId };
    } catch (e) {
      if (e instanceof RpcRemoteError && e.code === 'INSUFFICIENT_CREDITS') return { ok: false, code: 'INSUFFICIENT_CREDITS' };
      throw e;
    }
  }
}

/**
 * The port's binding: billing, unless CREDIT_RESERVATIONS=unmetered — kept for the dialer's own
 * integration tests and bench:dialer, which run the dialer without a billing service.
 */
export const creditReservationsProvider: Provider = {
  provide: CreditReservations,
  inject: [SERVICE_CONFIG, NatsRpcClient],
  useFactory: (config: DialerConfig, rpc: NatsRpcClient): CreditReservations =>
    config.CREDIT_RESERVATIONS === 'unmetered' ? new UnmeteredCreditReservations() : new BillingCreditReservations(rpc),
};
