import { healthPing } from '../common/common.registry';
import { command, event, request, type EntriesOf } from '../registry/define';
import { HangupCallV1, OriginateCallV1, SendSmsV1, TransferCallV1 } from './telephony.commands';
import {
  TelephonyCallAnsweredV1,
  TelephonyCallEndedV1,
  TelephonyCallForwardedV1,
  TelephonyCallForwardingV1,
  TelephonyCallInitiatedV1,
  TelephonyCallLegEndedV1,
  TelephonyCallRingingV1,
  TelephonyCallTransferFailedV1,
  TelephonyInboundReceivedV1,
  TelephonyRecordingCompletedV1,
  TelephonySmsFailedV1,
  TelephonySmsSentV1,
  TelephonyTranscriptCompletedV1,
  TelephonyTranscriptSegmentReceivedV1,
} from './telephony.events';
import {
  OperatorMapSetRequest,
  ProviderAccountCreateRequest,
  ProviderAccountListRequest,
  ProviderAccountPageReply,
  ProviderAccountReply,
  ProviderAccountRequest,
  ProviderAccountTestReply,
  ProviderAccountUpdateRequest,
} from './telephony.rpc';

/** JetStream subjects of the telephony context: the events it publishes and the commands it receives. */
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

/** Core request/reply subjects answered by the telephony context (`Rpc.Telephony`). */
export const TelephonyRpc = {
  HealthPing: 'rpc.telephony.health.ping',
  ProviderAccountCreate: 'rpc.telephony.provider_account.create',
  ProviderAccountList: 'rpc.telephony.provider_account.list',
  ProviderAccountGet: 'rpc.telephony.provider_account.get',
  ProviderAccountUpdate: 'rpc.telephony.provider_account.update',
  ProviderAccountTest: 'rpc.telephony.provider_account.test',
  ProviderAccountRotateWebhookToken: 'rpc.telephony.provider_account.rotate_webhook_token',
  OperatorMapSet: 'rpc.telephony.operator_map.set',
} as const;

// Facts are produced by telephony-gateway today; the commands stay draft until the dialer sends them.
const fact = {
  producer: 'telephony-gateway',
  consumers: ['dialer-orchestrator'],
  public: false,
  status: 'stable',
} as const;

/** What travels on each subject above; a subject without its entry does not compile. */
export const telephonyMessages = {
  [TelephonySubjects.CallInitiated]: event(TelephonyCallInitiatedV1, {
    ...fact,
    consumers: ['dialer-orchestrator', 'ticketing'],
    description: 'The provider accepted an originate.',
  }),
  [TelephonySubjects.CallRinging]: event(TelephonyCallRingingV1, {
    ...fact,
    description: 'The provider reports ringing.',
  }),
  [TelephonySubjects.CallAnswered]: event(TelephonyCallAnsweredV1, {
    ...fact,
    consumers: ['dialer-orchestrator', 'ticketing'],
    description: 'The provider reports the call answered.',
  }),
  [TelephonySubjects.CallForwarding]: event(TelephonyCallForwardingV1, { ...fact, description: 'A transfer started.' }),
  [TelephonySubjects.CallForwarded]: event(TelephonyCallForwardedV1, {
    ...fact,
    description: 'The transfer target answered.',
  }),
  [TelephonySubjects.CallTransferFailed]: event(TelephonyCallTransferFailedV1, {
    ...fact,
    description: 'The transfer target did not answer or was malformed.',
  }),
  [TelephonySubjects.CallLegEnded]: event(TelephonyCallLegEndedV1, {
    ...fact,
    consumers: ['dialer-orchestrator', 'ticketing'],
    description: 'One leg of a call finished (may arrive after the call ended).',
  }),
  [TelephonySubjects.CallEnded]: event(TelephonyCallEndedV1, {
    ...fact,
    consumers: ['dialer-orchestrator', 'ticketing'],
    description: 'The provider reports the whole call over, with durations and the normalized end reason.',
  }),
  [TelephonySubjects.InboundReceived]: event(TelephonyInboundReceivedV1, {
    ...fact,
    consumers: ['dialer-orchestrator', 'ticketing'],
    description: "An inbound call reached one of the organization's numbers.",
  }),
  [TelephonySubjects.RecordingCompleted]: event(TelephonyRecordingCompletedV1, {
    ...fact,
    consumers: ['transcript', 'ticketing'],
    description: 'The provider has a recording file for a call.',
  }),
  [TelephonySubjects.TranscriptSegmentReceived]: event(TelephonyTranscriptSegmentReceivedV1, {
    ...fact,
    consumers: ['transcript'],
    description: 'One utterance of a call transcript.',
  }),
  [TelephonySubjects.TranscriptCompleted]: event(TelephonyTranscriptCompletedV1, {
    ...fact,
    consumers: ['transcript'],
    description: 'No more transcript segments will come for the call.',
  }),
  [TelephonySubjects.SmsSent]: event(TelephonySmsSentV1, {
    producer: 'telephony-gateway',
    consumers: ['dialer-orchestrator'],
    status: 'stable',
    description: 'An SMS was handed to the provider.',
  }),
  [TelephonySubjects.SmsFailed]: event(TelephonySmsFailedV1, {
    producer: 'telephony-gateway',
    consumers: ['dialer-orchestrator'],
    status: 'stable',
    description: 'An SMS could not be sent.',
  }),
  [TelephonySubjects.OriginateCall]: command(OriginateCallV1, {
    producers: ['dialer-orchestrator'],
    consumer: 'telephony-gateway',
    description: 'Place a call (or the two legs of a click-to-call); idempotent on callId + attempt.',
    status: 'stable',
  }),
  [TelephonySubjects.HangupCall]: command(HangupCallV1, {
    producers: ['dialer-orchestrator'],
    consumer: 'telephony-gateway',
    description: 'End a call (user request, watchdog, campaign cancelled).',
    status: 'stable',
  }),
  [TelephonySubjects.TransferCall]: command(TransferCallV1, {
    producers: ['dialer-orchestrator'],
    consumer: 'telephony-gateway',
    description: 'Transfer a call to a number or SIP URI.',
    status: 'stable',
  }),
  [TelephonySubjects.SendSms]: command(SendSmsV1, {
    producers: ['dialer-orchestrator'],
    consumer: 'telephony-gateway',
    description: 'Send an SMS (e.g. a missed-call message rule); idempotent on smsId.',
    status: 'stable',
  }),
  [TelephonyRpc.HealthPing]: healthPing('telephony-gateway'),
  [TelephonyRpc.ProviderAccountCreate]: request('command', ProviderAccountCreateRequest, ProviderAccountReply, {
    producers: ['api-gateway'],
    status: 'stable',
    consumer: 'telephony-gateway',
    description: 'Add a provider account (simulator, twilio, callgear); secrets are sealed and never returned.',
  }),
  [TelephonyRpc.ProviderAccountList]: request('query', ProviderAccountListRequest, ProviderAccountPageReply, {
    // The dialer too: a direct call's provider account when neither the request nor a dial plan names one.
    producers: ['api-gateway', 'dialer-orchestrator'],
    status: 'stable',
    consumer: 'telephony-gateway',
    description: "A page of the organization's provider accounts, newest first (created_at DESC, id DESC).",
  }),
  [TelephonyRpc.ProviderAccountGet]: request('query', ProviderAccountRequest, ProviderAccountReply, {
    producers: ['api-gateway'],
    status: 'stable',
    consumer: 'telephony-gateway',
    description: 'One provider account of the organization (PROVIDER_ACCOUNT_NOT_FOUND for any other).',
  }),
  [TelephonyRpc.ProviderAccountUpdate]: request('command', ProviderAccountUpdateRequest, ProviderAccountReply, {
    producers: ['api-gateway'],
    status: 'stable',
    consumer: 'telephony-gateway',
    description: 'Rename a provider account or merge new settings and secrets into it.',
  }),
  [TelephonyRpc.ProviderAccountTest]: request('command', ProviderAccountRequest, ProviderAccountTestReply, {
    producers: ['api-gateway'],
    status: 'stable',
    consumer: 'telephony-gateway',
    description: "Check the account's credentials against the provider; the outcome is the reply, not an error.",
  }),
  [TelephonyRpc.ProviderAccountRotateWebhookToken]: request('command', ProviderAccountRequest, ProviderAccountReply, {
    producers: ['api-gateway'],
    status: 'stable',
    consumer: 'telephony-gateway',
    description:
      "Replace the secret in the account's webhook URL (CallGear's path token) with a new one; webhooks with the old one are refused " +
      'from then on (other replicas within their 5 s account cache). PROVIDER_NOT_SUPPORTED for an account whose URL carries no secret.',
  }),
  [TelephonyRpc.OperatorMapSet]: request('command', OperatorMapSetRequest, ProviderAccountReply, {
    producers: ['api-gateway'],
    status: 'stable',
    consumer: 'telephony-gateway',
    description: "Replace the account's map of provider employees (CallGear employee_id) to Santral users (G4).",
  }),
} satisfies EntriesOf<typeof TelephonySubjects & typeof TelephonyRpc>;
