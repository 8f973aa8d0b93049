import { balanceOf, type Account } from './account';

/** What crossed after a change of the balance, and the account flags that remember it. */
export interface Crossings {
  low: boolean;
  exhausted: boolean;
  recharge: boolean;
  flags: Pick<Account, 'lowWarned' | 'exhausted' | 'rechargeArmed'>;
}

/**
 * Once per crossing (H3, H4): the low warning, the exhaustion and the auto-recharge each fire when
 * the balance goes below their line while armed, and re-arm only once it is back at or above it.
 * The balance counts posted entries only, so large holds of calls in flight do not pause campaigns.
 */
export function balanceCrossings(account: Account, minimum: number): Crossings {
  const balance = balanceOf(account);
  const below = (line: number) => balance < line;
  const low = account.lowBalanceThreshold > 0 && below(account.lowBalanceThreshold) && !account.lowWarned;
  const exhausted = below(minimum) && !account.exhausted;
  const rechargeOn = account.autoRechargeEnabled && account.autoRechargeAmount > 0;
  const recharge = rechargeOn && below(account.autoRechargeThreshold) && account.rechargeArmed;
  return {
    low,
    exhausted,
    recharge,
    flags: {
      lowWarned: account.lowBalanceThreshold > 0 && below(account.lowBalanceThreshold),
      exhausted: below(minimum),
      rechargeArmed: recharge ? false : account.rechargeArmed || !below(account.autoRechargeThreshold),
    },
  };
}
