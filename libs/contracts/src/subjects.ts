import { BillingRpc, BillingSubjects } from './billing/billing.registry';
import { CampaignRpc, CampaignSubjects } from './campaign/campaign.registry';
import { DialerRpc, DialerSubjects } from './dialer/dialer.registry';
import { GatewaySubjects } from './gateway/gateway.registry';
import { TelephonyRpc, TelephonySubjects } from './telephony/telephony.registry';
import { TicketingRpc, TicketingSubjects } from './ticketing/ticketing.registry';
import { TranscriptRpc, TranscriptSubjects } from './transcript/transcript.registry';

/**
 * NATS subjects of every context, assembled. Each subject string is written once, in its
 * context's registry file (`<context>/<context>.registry.ts`) beside its registry entry.
 *
 * JetStream (durable, outbox → stream → inbox), 4 tokens, versioned:
 *   events    `<context>.<aggregate>.<past-tense>.v<N>`   e.g. `dialer.call.answered.v1`
 *   commands  `<context>.<aggregate>.<imperative>.v<N>`   e.g. `telephony.call.originate.v1`
 * The stream SANTRAL_EVENTS captures `<context>.>` for the seven contexts.
 *
 * Core NATS request/reply (answer needed now; never stored), 4 tokens, unversioned:
 *   `rpc.<context>.<noun>.<verb>`  e.g. `rpc.billing.balance.get`
 * The `rpc.` prefix keeps them out of every stream. They evolve additively (new optional
 * fields); a breaking change gets a new verb, because requester and responder must agree now.
 *
 * Dead letters: `dlq.<consumer>.<original subject>` in the stream SANTRAL_DLQ (`dlq.>`).
 */

export { BillingSubjects, CampaignSubjects, DialerSubjects, GatewaySubjects, TelephonySubjects, TicketingSubjects, TranscriptSubjects };

/** Every JetStream subject (events and commands), grouped by context. */
export const Subjects = {
  Gateway: GatewaySubjects,
  Campaign: CampaignSubjects,
  Dialer: DialerSubjects,
  Telephony: TelephonySubjects,
  Billing: BillingSubjects,
  Transcript: TranscriptSubjects,
  Ticketing: TicketingSubjects,
} as const;

/** Core NATS request/reply subjects (queries and synchronous commands), grouped by the answering context. */
export const Rpc = {
  Campaign: CampaignRpc,
  Dialer: DialerRpc,
  Telephony: TelephonyRpc,
  Billing: BillingRpc,
  Transcript: TranscriptRpc,
  Ticketing: TicketingRpc,
} as const;

type ValuesOf<T> = T[keyof T];
type GroupValues<G> = { [K in keyof G]: ValuesOf<G[K]> }[keyof G];

/** A JetStream subject (event or command). */
export type StreamSubject = GroupValues<typeof Subjects>;
/** A core request/reply subject. */
export type RpcSubject = GroupValues<typeof Rpc>;
export type AnySubject = StreamSubject | RpcSubject;

function flatten<G extends Record<string, Record<string, string>>>(groups: G): string[] {
  return Object.values(groups).flatMap((group) => Object.values(group));
}

export const STREAM_SUBJECTS = flatten(Subjects) as readonly StreamSubject[];
export const RPC_SUBJECTS = flatten(Rpc) as readonly RpcSubject[];
export const ALL_SUBJECTS: readonly AnySubject[] = [...STREAM_SUBJECTS, ...RPC_SUBJECTS];

/** First subject token of each bounded context (also the stream capture prefixes). */
export const CONTEXTS = ['gateway', 'campaign', 'dialer', 'telephony', 'billing', 'transcript', 'ticketing'] as const;
export type Context = (typeof CONTEXTS)[number];
