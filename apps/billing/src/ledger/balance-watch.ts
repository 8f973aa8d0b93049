import { Injectable } from '@nestjs/common';
import { Subjects } from '@santral/contracts';
import { EventPublisher } from '@santral/messaging';
import type { OrgId, Tx } from '@santral/persistence';
import { OrganizationSettingsRepository } from '@santral/service-kit';
import { PaymentsRepository } from '../payments/payments.repository';
import { balanceOf, type Account } from './account';
import { balanceCrossings } from './balance-crossings';
import { LedgerRepository } from './ledger.repository';
import { toCredits, UNITS_PER_CREDIT } from './money';

/** The minimum to start a call when the organization's plan does not say (H1). */
export const DEFAULT_MIN_CREDITS = 10;
/** 100 million credits: a larger minimum is a typo in a plan, and a number past it would not fit a reply. */
const MAX_MINIMUM_UNITS = 1e12;

/**
 * Runs after every change of a balance, in its transaction and under the account row's lock, so
 * each crossing is seen by exactly one transaction (with any number of billing replicas): the
 * low warning, the exhaustion that pauses campaigns, and the auto-recharge payment request.
 */
type MinimumSettings = { minCreditsToStart?: number };

function minimumUnits(settings: MinimumSettings | undefined): number {
  const credits = settings?.minCreditsToStart;
  if (typeof credits !== 'number' || !Number.isFinite(credits) || credits < 0) return DEFAULT_MIN_CREDITS * UNITS_PER_CREDIT;
  return Math.min(Math.ceil(credits * UNITS_PER_CREDIT - 1e-6), MAX_MINIMUM_UNITS);
}

@Injectable()
export class BalanceWatch {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly settings: OrganizationSettingsRepository,
    private readonly payments: PaymentsRepository,
    private readonly publisher: EventPublisher,
  ) {}

  /** The organization's minimum in units; whatever the gateway's plan says, rounded up to a unit and capped, never an error. */
  async minimumOf(orgId: OrgId, tx?: Tx): Promise<number> {
    const stored = await this.settings.get<MinimumSettings>(orgId, tx);
    return minimumUnits(stored?.settings);
  }

  /** The minimums of several organizations in one statement; every one of them is in the map. */
  async minimumsOf(orgIds: readonly OrgId[], tx?: Tx): Promise<Map<OrgId, number>> {
    const stored = await this.settings.getMany<MinimumSettings>(orgIds, tx);
    return new Map(orgIds.map((o) => [o, minimumUnits(stored.get(o)?.settings)]));
  }

  /** `knownMinimum`: the organization's minimum when the caller has read it already (a batch reads them all at once). */
  async afterChange(orgId: OrgId, account: Account, tx: Tx, knownMinimum?: number): Promise<void> {
    const minimum = knownMinimum ?? (await this.minimumOf(orgId, tx));
    const c = balanceCrossings(account, minimum);
    const meta = { orgid: orgId, subject: orgId, manager: tx };
    const balance = toCredits(balanceOf(account));
    if (c.low) await this.publisher.publish(Subjects.Billing.BalanceLow, { organizationId: orgId, balance, threshold: toCredits(account.lowBalanceThreshold) }, meta);
    if (c.exhausted) await this.publisher.publish(Subjects.Billing.BalanceExhausted, { organizationId: orgId, balance, minCreditsToStart: toCredits(minimum) }, meta);
    if (c.recharge) await this.payments.requestAutoRecharge(orgId, account.autoRechargeAmount, tx);
    if (c.flags.lowWarned !== account.lowWarned || c.flags.exhausted !== account.exhausted || c.flags.rechargeArmed !== account.rechargeArmed) {
      await this.ledger.setFlags(orgId, c.flags, tx);
    }
  }
}
