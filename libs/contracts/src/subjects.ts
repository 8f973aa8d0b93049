/**
 * NATS subjects: the one place subject strings are written.
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

export const GatewaySubjects = {
  OrganizationCreated: 'gateway.organization.created.v1',
  OrganizationUpdated: 'gateway.organization.updated.v1',
} as const;

export const CampaignSubjects = {
  CampaignStarted: 'campaign.campaign.started.v1',
  CampaignUpdated: 'campaign.campaign.updated.v1',
  CampaignPaused: 'campaign.campaign.paused.v1',
  CampaignResumed: 'campaign.campaign.resumed.v1',
  CampaignCompleted: 'campaign.campaign.completed.v1',
  CampaignCancelled: 'campaign.campaign.cancelled.v1',
  CallRequested: 'campaign.call.requested.v1',
  AgentCreated: 'campaign.agent.created.v1',
  AgentUpdated: 'campaign.agent.updated.v1',
  AgentDeleted: 'campaign.agent.deleted.v1',
} as const;

export const DialerSubjects = {
  CallQueued: 'dialer.call.queued.v1',
  CallDialing: 'dialer.call.dialing.v1',
  CallRinging: 'dialer.call.ringing.v1',
  CallAnswered: 'dialer.call.answered.v1',
  CallForwarding: 'dialer.call.forwarding.v1',
  CallEnded: 'dialer.call.ended.v1',
  TaskCreated: 'dialer.task.created.v1',
  TaskRetryScheduled: 'dialer.task.retry_scheduled.v1',
  TaskFinished: 'dialer.task.finished.v1',
} as const;

export const TelephonySubjects = {
  CallInitiated: 'telephony.call.initiated.v1',
  CallRinging: 'telephony.call.ringing.v1',
  CallAnswered: 'telephony.call.answered.v1',
  CallForwarding: 'telephony.call.forwarding.v1',
  CallForwarded: 'telephony.call.forwarded.v1',
  CallTransferFailed: 'telephony.call.transfer_failed.v1',
  CallLegEnded: 'telephony.call.leg_ended.v1',
  CallEnded: 'telephony.call.ended.v1',
  InboundReceived: 'telephony.inbound.received.v1',
  RecordingCompleted: 'telephony.recording.completed.v1',
  TranscriptSegmentReceived: 'telephony.transcript.segment_received.v1',
  TranscriptCompleted: 'telephony.transcript.completed.v1',
  SmsSent: 'telephony.sms.sent.v1',
  SmsFailed: 'telephony.sms.failed.v1',
  // commands (imperative), delivered durably through the same stream
  OriginateCall: 'telephony.call.originate.v1',
  HangupCall: 'telephony.call.hangup.v1',
  TransferCall: 'telephony.call.transfer.v1',
  SendSms: 'telephony.sms.send.v1',
} as const;

export const BillingSubjects = {
  CreditsReserved: 'billing.credits.reserved.v1',
  CreditsSettled: 'billing.credits.settled.v1',
  CreditsReleased: 'billing.credits.released.v1',
  BalanceLow: 'billing.balance.low.v1',
  BalanceExhausted: 'billing.balance.exhausted.v1',
  TopupCompleted: 'billing.topup.completed.v1',
} as const;

export const TranscriptSubjects = {
  TranscriptReady: 'transcript.transcript.ready.v1',
  RecordingReady: 'transcript.recording.ready.v1',
} as const;

export const TicketingSubjects = {
  CustomerMatched: 'ticketing.customer.matched.v1',
  TicketCreated: 'ticketing.ticket.created.v1',
  TicketUpdated: 'ticketing.ticket.updated.v1',
} as const;

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

/** Core NATS request/reply subjects (queries and synchronous commands). */
export const Rpc = {
  Campaign: {
    HealthPing: 'rpc.campaign.health.ping',
    CampaignStart: 'rpc.campaign.campaign.start',
    CampaignPause: 'rpc.campaign.campaign.pause',
    CampaignResume: 'rpc.campaign.campaign.resume',
    CampaignCancel: 'rpc.campaign.campaign.cancel',
  },
  Dialer: {
    HealthPing: 'rpc.dialer.health.ping',
    SettingsGet: 'rpc.dialer.settings.get',
    CallCreate: 'rpc.dialer.call.create',
    CallHangup: 'rpc.dialer.call.hangup',
    CallTransfer: 'rpc.dialer.call.transfer',
  },
  Telephony: {
    HealthPing: 'rpc.telephony.health.ping',
    ProviderAccountCreate: 'rpc.telephony.provider_account.create',
    ProviderAccountList: 'rpc.telephony.provider_account.list',
    ProviderAccountGet: 'rpc.telephony.provider_account.get',
    ProviderAccountUpdate: 'rpc.telephony.provider_account.update',
    ProviderAccountTest: 'rpc.telephony.provider_account.test',
    OperatorMapSet: 'rpc.telephony.operator_map.set',
  },
  Billing: {
    HealthPing: 'rpc.billing.health.ping',
    BalanceGet: 'rpc.billing.balance.get',
    CreditsReserve: 'rpc.billing.credits.reserve',
  },
  Transcript: { HealthPing: 'rpc.transcript.health.ping' },
  Ticketing: {
    HealthPing: 'rpc.ticketing.health.ping',
    CustomerLookup: 'rpc.ticketing.customer.lookup',
  },
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
