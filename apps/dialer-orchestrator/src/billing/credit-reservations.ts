import { Injectable } from '@nestjs/common';
import type { OrgId } from '@santral/persistence';

/** What the dialer asks billing before it dials (issue 10 item 3, H1): hold credit for one attempt. */
export interface ReservationRequest {
  organizationId: OrgId;
  callId: string;
  attempt: number;
  /** Talk time to hold credit for: the call's maximum duration. */
  estimatedSeconds: number;
  /** The callee (E.164): billing holds its country's rate when the plan has one. */
  to?: string;
}

export type ReservationOutcome =
  /** Credit is held; `reservationId` names it (absent while no billing service holds credit). */
  | { ok: true; reservationId?: string }
  /** Refused: nothing is dialled (INSUFFICIENT_CREDITS). */
  | { ok: false; code: 'INSUFFICIENT_CREDITS' };

/**
 * The port to billing (request/reply, idempotent on call id + attempt): `available` answers the
 * pre-dial check INSUFFICIENT_CREDITS of E4, `reserve` holds the credit of one attempt at dispatch.
 * BillingCreditReservations (billing-credit-reservations.ts) asks rpc.billing.*; the adapter below
 * stays for running the dialer without billing (CREDIT_RESERVATIONS=unmetered).
 */
export abstract class CreditReservations {
  /** Whether the organization may start a call now (its available credit is at least its minimum). */
  abstract mayStartCall(orgId: OrgId): Promise<boolean>;
  abstract reserve(request: ReservationRequest): Promise<ReservationOutcome>;
}

/**
 * Without billing (CREDIT_RESERVATIONS=unmetered): every organization may call, and no credit is held (the outcome carries no
 * reservation id, so nothing downstream takes it for a real hold).
 */
@Injectable()
export class UnmeteredCreditReservations extends CreditReservations {
  async mayStartCall(): Promise<boolean> {
    return true;
  }

  async reserve(): Promise<ReservationOutcome> {
    return { ok: true };
  }
}
