import { Injectable } from '@nestjs/common';
import { DomainError } from '@santral/contracts';
import { PaymentGateway, type ChargeRequest, type ChargeResult, type PaymentNotification } from './payment-gateway';

/**
 * No card provider: the platform admin credits organizations by hand (rpc.billing.credits.grant).
 * A top-up or auto-recharge through it is recorded as pending, for the admin to see; never credited.
 */
@Injectable()
export class ManualPaymentGateway extends PaymentGateway {
  readonly provider = 'manual' as const;

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    return { state: 'pending', reference: `manual:${request.paymentId}` };
  }

  verifyWebhook(): PaymentNotification | null {
    throw new DomainError('PAYMENT_NOT_CONFIGURED', 'No payment provider takes webhooks here (PAYMENT_PROVIDER=manual)');
  }
}
