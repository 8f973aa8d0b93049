import type { Account } from './account';
import { balanceCrossings } from './balance-crossings';

const account = (balance: number, a: Partial<Account> = {}): Account => ({
  organizationId: 'org',
  postedCredits: balance,
  postedDebits: 0,
  pendingDebits: 0,
  lowBalanceThreshold: 500,
  autoRechargeEnabled: true,
  autoRechargeThreshold: 300,
  autoRechargeAmount: 1000,
  stripeCustomerId: null,
  stripePaymentMethodId: 'pm',
  lowWarned: false,
  exhausted: false,
  rechargeArmed: true,
  ...a,
});
const MIN = 100;

describe('balanceCrossings (once per crossing, H3/H4)', () => {
  it.each([
    // [what, account, fires {low, exhausted, recharge}, flags after]
    ['above every line: nothing', account(600), [false, false, false], { lowWarned: false, exhausted: false, rechargeArmed: true }],
    ['below the low line: warns', account(450), [true, false, false], { lowWarned: true, exhausted: false, rechargeArmed: true }],
    ['still below, already warned: silent', account(400, { lowWarned: true }), [false, false, false], { lowWarned: true, exhausted: false, rechargeArmed: true }],
    ['back above: re-arms the warning', account(700, { lowWarned: true }), [false, false, false], { lowWarned: false, exhausted: false, rechargeArmed: true }],
    ['below the recharge line: recharges once and disarms', account(250, { lowWarned: true }), [false, false, true], { lowWarned: true, exhausted: false, rechargeArmed: false }],
    ['still below, disarmed: no second recharge', account(200, { lowWarned: true, rechargeArmed: false }), [false, false, false], { lowWarned: true, exhausted: false, rechargeArmed: false }],
    ['recharged above its line: re-armed', account(1250, { lowWarned: true, rechargeArmed: false }), [false, false, false], { lowWarned: false, exhausted: false, rechargeArmed: true }],
    ['below the minimum: exhausted once', account(50, { lowWarned: true, rechargeArmed: false }), [false, true, false], { lowWarned: true, exhausted: true, rechargeArmed: false }],
    ['still below the minimum: silent', account(10, { lowWarned: true, exhausted: true, rechargeArmed: false }), [false, false, false], { lowWarned: true, exhausted: true, rechargeArmed: false }],
    ['one step through every line: all three at once', account(0), [true, true, true], { lowWarned: true, exhausted: true, rechargeArmed: false }],
    ['no low threshold: never warns', account(0, { lowBalanceThreshold: 0 }), [false, true, true], { lowWarned: false, exhausted: true, rechargeArmed: false }],
    ['auto-recharge off: never recharges', account(0, { autoRechargeEnabled: false }), [true, true, false], { lowWarned: true, exhausted: true, rechargeArmed: true }],
    ['holds of calls in flight do not count', account(600, { pendingDebits: 590 }), [false, false, false], { lowWarned: false, exhausted: false, rechargeArmed: true }],
  ])('%s', (_what, a, [low, exhausted, recharge], flags) => {
    expect(balanceCrossings(a, MIN)).toEqual({ low, exhausted, recharge, flags });
  });
});
