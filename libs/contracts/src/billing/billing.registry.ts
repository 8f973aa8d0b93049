import { healthPing } from '../common/common.registry';
import { OrganizationQuery } from '../common/common.rpc';
import { event, request, type EntriesOf } from '../registry/define';
import {
  BalanceExhaustedV1,
  BalanceLowV1,
  CreditsReleasedV1,
  CreditsReservedV1,
  CreditsSettledV1,
  TopupCompletedV1,
} from './billing.events';
import {
  BalanceReply,
  BillingSettingsReply,
  BillingSettingsRequest,
  CostReportReply,
  CostReportRequest,
  CreditsGrantRequest,
  LedgerListRequest,
  LedgerPageReply,
  PricePlanReply,
  ReserveCreditsReply,
  ReserveCreditsRequest,
  StripeWebhookReply,
  StripeWebhookRequest,
  TopupCreateRequest,
  TopupReply,
} from './billing.rpc';

/** JetStream subjects of the billing context: the events it publishes and the commands it receives. */
export const BillingSubjects = {
  CreditsReserved: 'billing.credits.reserved.v1',
  CreditsSettled: 'billing.credits.settled.v1',
  CreditsReleased: 'billing.credits.released.v1',
  BalanceLow: 'billing.balance.low.v1',
  BalanceExhausted: 'billing.balance.exhausted.v1',
  TopupCompleted: 'billing.topup.completed.v1',
} as const;

/** Core request/reply subjects answered by the billing context (`Rpc.Billing`). */
export const BillingRpc = {
  HealthPing: 'rpc.billing.health.ping',
  BalanceGet: 'rpc.billing.balance.get',
  CreditsReserve: 'rpc.billing.credits.reserve',
  CreditsGrant: 'rpc.billing.credits.grant',
  LedgerList: 'rpc.billing.ledger.list',
  TopupCreate: 'rpc.billing.topup.create',
  SettingsUpdate: 'rpc.billing.settings.update',
  PricePlanGet: 'rpc.billing.price_plan.get',
  CostReportGet: 'rpc.billing.cost_report.get',
  StripeWebhook: 'rpc.billing.stripe.webhook',
} as const;

const stable = { status: 'stable' } as const;

/** What travels on each subject above; a subject without its entry does not compile. */
export const billingMessages = {
  [BillingSubjects.CreditsReserved]: event(CreditsReservedV1, {
    ...stable,
    description: 'Credit was held for a call at dispatch.',
    producer: 'billing',
    consumers: [],
  }),
  [BillingSubjects.CreditsSettled]: event(CreditsSettledV1, {
    ...stable,
    description: 'A call was charged: exactly one settlement per ended call.',
    producer: 'billing',
    consumers: ['campaign'],
  }),
  [BillingSubjects.CreditsReleased]: event(CreditsReleasedV1, {
    ...stable,
    description: 'A reservation was returned unused (expired before its call ended).',
    producer: 'billing',
    consumers: [],
  }),
  [BillingSubjects.BalanceLow]: event(BalanceLowV1, {
    ...stable,
    description: "The balance crossed the organization's low-balance threshold (once per crossing).",
    producer: 'billing',
    consumers: [],
  }),
  [BillingSubjects.BalanceExhausted]: event(BalanceExhaustedV1, {
    ...stable,
    description: 'The balance fell below the minimum to start a call (once per crossing); campaigns pause with insufficient credits.',
    producer: 'billing',
    consumers: ['campaign', 'dialer-orchestrator'],
  }),
  [BillingSubjects.TopupCompleted]: event(TopupCompletedV1, {
    ...stable,
    description: 'Credits were added by a payment, a manual grant or auto-recharge.',
    producer: 'billing',
    consumers: [],
  }),
  [BillingRpc.HealthPing]: healthPing('billing'),
  [BillingRpc.BalanceGet]: request('query', OrganizationQuery, BalanceReply, {
    ...stable,
    producers: ['api-gateway', 'campaign', 'dialer-orchestrator'],
    consumer: 'billing',
    description: 'Balance, reserved and available credits of an organization.',
  }),
  [BillingRpc.CreditsReserve]: request('command', ReserveCreditsRequest, ReserveCreditsReply, {
    ...stable,
    producers: ['dialer-orchestrator'],
    consumer: 'billing',
    description: 'Hold credit for a call before it is dialled; idempotent on callId + attempt.',
  }),
  [BillingRpc.CreditsGrant]: request('command', CreditsGrantRequest, TopupReply, {
    ...stable,
    producers: ['api-gateway'],
    consumer: 'billing',
    description: 'The platform admin credits an organization by hand (manual payment adapter).',
  }),
  [BillingRpc.LedgerList]: request('query', LedgerListRequest, LedgerPageReply, {
    ...stable,
    producers: ['api-gateway'],
    consumer: 'billing',
    description: "The organization's ledger entries, newest first, filtered by kind, call and time.",
  }),
  [BillingRpc.TopupCreate]: request('command', TopupCreateRequest, TopupReply, {
    ...stable,
    producers: ['api-gateway'],
    consumer: 'billing',
    description: 'Start a top-up through the payment provider; credited once the payment succeeds.',
  }),
  [BillingRpc.SettingsUpdate]: request('command', BillingSettingsRequest, BillingSettingsReply, {
    ...stable,
    producers: ['api-gateway'],
    consumer: 'billing',
    description: 'Auto-recharge and low-balance threshold of an organization.',
  }),
  [BillingRpc.PricePlanGet]: request('query', OrganizationQuery, PricePlanReply, {
    ...stable,
    producers: ['api-gateway'],
    consumer: 'billing',
    description: "The organization's price plan (rates, increments, minimum charges).",
  }),
  [BillingRpc.CostReportGet]: request('query', CostReportRequest, CostReportReply, {
    ...stable,
    producers: ['api-gateway'],
    consumer: 'billing',
    description: 'Calls, minutes, cost, average duration, failure and forwarding rates per day and campaign.',
  }),
  [BillingRpc.StripeWebhook]: request('command', StripeWebhookRequest, StripeWebhookReply, {
    ...stable,
    producers: ['api-gateway'],
    consumer: 'billing',
    description: "A Stripe webhook, raw body and signature as received; billing verifies it and applies it once.",
  }),
} satisfies EntriesOf<typeof BillingSubjects & typeof BillingRpc>;
