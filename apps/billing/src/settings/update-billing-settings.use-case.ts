import { Injectable } from '@nestjs/common';
import { DomainError, MAX_TOPUP_CREDITS, type BillingSettingsReply, type BillingSettingsRequest } from '@santral/contracts';
import { asOrgId, tenantQuery, TransactionRunner } from '@santral/persistence';
import { BalanceWatch } from '../ledger/balance-watch';
import { LedgerRepository } from '../ledger/ledger.repository';
import { toCredits, toUnits } from '../ledger/money';

/**
 * PUT /v1/billing/settings (H4): the low-balance threshold and auto-recharge. Only the fields sent
 * change. Auto-recharge needs an amount and a saved Stripe payment method. The new lines are checked
 * against the balance at once (a threshold raised above it warns now, once).
 */
@Injectable()
export class UpdateBillingSettingsUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly ledger: LedgerRepository,
    private readonly watch: BalanceWatch,
  ) {}

  async execute(input: BillingSettingsRequest): Promise<BillingSettingsReply> {
    const orgId = asOrgId(input.organizationId);
    const units = (v: number | undefined, field: string) => {
      if (v === undefined) return null;
      if (v > MAX_TOPUP_CREDITS) throw DomainError.validation([{ field, message: `${field} must be at most ${MAX_TOPUP_CREDITS} credits` }]);
      return toUnits(v, field);
    };
    const low = units(input.lowBalanceThreshold, 'lowBalanceThreshold');
    const threshold = units(input.autoRechargeThreshold, 'autoRechargeThreshold');
    const amount = units(input.autoRechargeAmount, 'autoRechargeAmount');
    if (amount !== null && amount % 100 !== 0) throw DomainError.validation([{ field: 'autoRechargeAmount', message: 'autoRechargeAmount must be a whole cent (2 decimals)' }]);
    return this.tx.run(async (tx) => {
      await this.ledger.ensureAccount(orgId, tx);
      await this.ledger.lock(orgId, tx);
      const [row] = await tenantQuery<{ ok: boolean }>(
        tx,
        orgId,
        `UPDATE accounts SET low_balance_threshold = COALESCE($2, low_balance_threshold),
                auto_recharge_threshold = COALESCE($3, auto_recharge_threshold), auto_recharge_amount = COALESCE($4, auto_recharge_amount),
                auto_recharge_enabled = COALESCE($5, auto_recharge_enabled),
                stripe_customer_id = COALESCE($6, stripe_customer_id), stripe_payment_method_id = COALESCE($7, stripe_payment_method_id),
                updated_at = clock_timestamp()
          WHERE organization_id = $1
          RETURNING NOT auto_recharge_enabled OR (auto_recharge_amount > 0 AND stripe_payment_method_id IS NOT NULL) AS ok`,
        [low, threshold, amount, input.autoRechargeEnabled ?? null, input.stripeCustomerId ?? null, input.stripePaymentMethodId ?? null],
      );
      if (!row?.ok) {
        throw DomainError.validation([{ field: 'autoRechargeEnabled', message: 'auto-recharge needs autoRechargeAmount > 0 and a saved stripePaymentMethodId' }]);
      }
      const account = (await this.ledger.find(orgId, tx))!;
      await this.watch.afterChange(orgId, account, tx);
      return {
        organizationId: orgId,
        lowBalanceThreshold: toCredits(account.lowBalanceThreshold),
        autoRechargeEnabled: account.autoRechargeEnabled,
        autoRechargeThreshold: toCredits(account.autoRechargeThreshold),
        autoRechargeAmount: toCredits(account.autoRechargeAmount),
        paymentMethodSaved: account.stripePaymentMethodId !== null,
      };
    });
  }
}
