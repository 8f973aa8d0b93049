/** An organization's account as billing reads it (units, ledger/money.ts). */
export interface Account {
  organizationId: string;
  postedCredits: number;
  postedDebits: number;
  pendingDebits: number;
  lowBalanceThreshold: number;
  autoRechargeEnabled: boolean;
  autoRechargeThreshold: number;
  autoRechargeAmount: number;
  stripeCustomerId: string | null;
  stripePaymentMethodId: string | null;
  lowWarned: boolean;
  exhausted: boolean;
  rechargeArmed: boolean;
}

/** posted credits − posted debits: what the organization has, calls in flight aside. */
export const balanceOf = (a: Pick<Account, 'postedCredits' | 'postedDebits'>): number => a.postedCredits - a.postedDebits;
/** balance − pending debits: what a new call may use. */
export const availableOf = (a: Pick<Account, 'postedCredits' | 'postedDebits' | 'pendingDebits'>): number => a.postedCredits - a.postedDebits - a.pendingDebits;

/** A new ledger entry: its amount and its signed effect on the three balances. */
export interface NewEntry {
  kind: 'top_up' | 'reservation' | 'post' | 'void' | 'expiry' | 'refund' | 'adjustment' | 'auto_recharge';
  /** Unique per organization: the same key never changes the ledger twice. */
  idempotencyKey: string;
  amount: number;
  creditsDelta?: number;
  debitsDelta?: number;
  pendingDelta?: number;
  reservationId?: string | null;
  callId?: string | null;
  campaignId?: string | null;
  details?: Record<string, unknown> | null;
}
