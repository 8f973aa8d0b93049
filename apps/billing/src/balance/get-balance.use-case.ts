import { Injectable } from '@nestjs/common';
import type { BalanceReply, OrganizationQuery } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { availableOf, balanceOf } from '../ledger/account';
import { BalanceWatch } from '../ledger/balance-watch';
import { LedgerRepository } from '../ledger/ledger.repository';
import { toCredits } from '../ledger/money';

/** rpc.billing.balance.get: balance, reserved, available and the minimum to start a call. */
@Injectable()
export class GetBalanceUseCase {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly watch: BalanceWatch,
  ) {}

  async execute(input: OrganizationQuery): Promise<BalanceReply> {
    const orgId = asOrgId(input.organizationId);
    const [account, minimum] = await Promise.all([this.ledger.find(orgId), this.watch.minimumOf(orgId)]);
    const zero = { postedCredits: 0, postedDebits: 0, pendingDebits: 0 };
    const a = account ?? zero;
    return {
      organizationId: orgId,
      balance: toCredits(balanceOf(a)),
      reserved: toCredits(a.pendingDebits),
      available: toCredits(availableOf(a)),
      minCreditsToStart: toCredits(minimum),
      ...(account && account.lowBalanceThreshold > 0 ? { lowBalanceThreshold: toCredits(account.lowBalanceThreshold) } : {}),
    };
  }
}
