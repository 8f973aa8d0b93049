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
import { BalanceReply, ReserveCreditsReply, ReserveCreditsRequest } from './billing.rpc';

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
} as const;

/** What travels on each subject above; a subject without its entry does not compile. */
export const billingMessages = {
  [BillingSubjects.CreditsReserved]: event(CreditsReservedV1, {
    description: 'Credit was held for a call at dispatch.',
    producer: 'billing',
    consumers: [],
  }),
  [BillingSubjects.CreditsSettled]: event(CreditsSettledV1, {
    description: 'A call was charged: exactly one settlement per ended call.',
    producer: 'billing',
    consumers: ['campaign'],
  }),
  [BillingSubjects.CreditsReleased]: event(CreditsReleasedV1, {
    description: 'A reservation was returned unused (call never dialled, expired, cancelled).',
    producer: 'billing',
    consumers: [],
  }),
  [BillingSubjects.BalanceLow]: event(BalanceLowV1, {
    description: "The balance crossed the organization's low-balance threshold.",
    producer: 'billing',
    consumers: [],
  }),
  [BillingSubjects.BalanceExhausted]: event(BalanceExhaustedV1, {
    description: 'The balance fell below the minimum to start a call; campaigns pause with insufficient credits.',
    producer: 'billing',
    consumers: ['campaign', 'dialer-orchestrator'],
  }),
  [BillingSubjects.TopupCompleted]: event(TopupCompletedV1, {
    description: 'Credits were added by a payment or auto-recharge.',
    producer: 'billing',
    consumers: [],
  }),
  [BillingRpc.HealthPing]: healthPing('billing'),
  [BillingRpc.BalanceGet]: request('query', OrganizationQuery, BalanceReply, {
    status: 'stable',
    producers: ['api-gateway', 'campaign'],
    consumer: 'billing',
    description: 'Balance, reserved and available credits of an organization.',
  }),
  [BillingRpc.CreditsReserve]: request('command', ReserveCreditsRequest, ReserveCreditsReply, {
    producers: ['dialer-orchestrator'],
    consumer: 'billing',
    description: 'Hold credit for a call before it is dialled; idempotent on callId + attempt.',
  }),
} satisfies EntriesOf<typeof BillingSubjects & typeof BillingRpc>;
