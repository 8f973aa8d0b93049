import { healthPing } from '../common/common.registry';
import { OrganizationQuery } from '../common/common.rpc';
import { event, request, type EntriesOf } from '../registry/define';
import { DncCheckReply, DncCheckRequest } from './dnc-check.rpc';
import {
  DialerCallAnsweredV1,
  DialerCallDialingV1,
  DialerCallEndedV1,
  DialerCallForwardingV1,
  DialerCallQueuedV1,
  DialerCallRingingV1,
  DialerTaskCreatedV1,
  DialerTaskFinishedV1,
  DialerTaskRetryScheduledV1,
} from './dialer.events';
import {
  CallAcceptedReply,
  CallControlRequest,
  CallTransferRequest,
  CreateCallRequest,
  DialerSettingsReply,
} from './dialer.rpc';
import { DialerCampaignDiagnosticsReply, DialerCampaignDiagnosticsRequest } from './diagnostics.rpc';
import {
  DncAddReply,
  DncAddRequest,
  DncListRequest,
  DncPageReply,
  DncRemovedReply,
  DncRemoveRequest,
  HotlineCreateRequest,
  HotlineListRequest,
  HotlinePageReply,
  HotlineReply,
  HotlineRequest,
  HotlineUpdateRequest,
  PresenceReply,
  PresenceSetRequest,
} from './dialing-rules.rpc';
import {
  MessageRuleCreateRequest,
  MessageRuleDeletedReply,
  MessageRuleListRequest,
  MessageRulePageReply,
  MessageRuleReply,
  MessageRuleRequest,
  MessageRuleUpdateRequest,
} from './message-rules.rpc';
import { CallDetailReply, CallGetRequest, CallSearchRequest, CallPageReply } from './calls.rpc';

/** JetStream subjects of the dialer context: the events it publishes and the commands it receives. */
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

/** Core request/reply subjects answered by the dialer context (`Rpc.Dialer`). */
export const DialerRpc = {
  HealthPing: 'rpc.dialer.health.ping',
  SettingsGet: 'rpc.dialer.settings.get',
  CallCreate: 'rpc.dialer.call.create',
  CallHangup: 'rpc.dialer.call.hangup',
  CallTransfer: 'rpc.dialer.call.transfer',
  CallList: 'rpc.dialer.call.list',
  CallGet: 'rpc.dialer.call.get',
  DncAdd: 'rpc.dialer.dnc.add',
  DncList: 'rpc.dialer.dnc.list',
  DncRemove: 'rpc.dialer.dnc.remove',
  DncCheck: 'rpc.dialer.dnc.check',
  HotlineCreate: 'rpc.dialer.hotline.create',
  HotlineList: 'rpc.dialer.hotline.list',
  HotlineGet: 'rpc.dialer.hotline.get',
  HotlineUpdate: 'rpc.dialer.hotline.update',
  PresenceSet: 'rpc.dialer.presence.set',
  MessageRuleCreate: 'rpc.dialer.message_rule.create',
  MessageRuleList: 'rpc.dialer.message_rule.list',
  MessageRuleGet: 'rpc.dialer.message_rule.get',
  MessageRuleUpdate: 'rpc.dialer.message_rule.update',
  MessageRuleDelete: 'rpc.dialer.message_rule.delete',
  CampaignDiagnostics: 'rpc.dialer.campaign.diagnostics',
} as const;

const fromGateway = ['api-gateway'] as const;

/** What travels on each subject above; a subject without its entry does not compile. */
export const dialerMessages = {
  [DialerSubjects.CallQueued]: event(DialerCallQueuedV1, {
    description: 'A call is waiting for a free slot, its calling window or the rate cap.',
    producer: 'dialer-orchestrator',
    status: 'stable',
    consumers: ['campaign', 'ticketing'],
  }),
  [DialerSubjects.CallDialing]: event(DialerCallDialingV1, {
    description: 'A slot was taken, credits reserved and the originate command sent.',
    producer: 'dialer-orchestrator',
    status: 'stable',
    consumers: ['campaign'],
  }),
  [DialerSubjects.CallRinging]: event(DialerCallRingingV1, {
    description: "The callee's phone is ringing (outbound), or an inbound call took a slot and rings.",
    producer: 'dialer-orchestrator',
    status: 'stable',
    consumers: [],
  }),
  [DialerSubjects.CallAnswered]: event(DialerCallAnsweredV1, {
    description: 'The call was answered and is in progress.',
    producer: 'dialer-orchestrator',
    status: 'stable',
    consumers: ['campaign', 'ticketing'],
  }),
  [DialerSubjects.CallForwarding]: event(DialerCallForwardingV1, {
    description: 'The call is being transferred to a number or SIP URI.',
    producer: 'dialer-orchestrator',
    status: 'stable',
    consumers: [],
  }),
  [DialerSubjects.CallEnded]: event(DialerCallEndedV1, {
    description: 'The single terminal event of a call, with its end reason as data and its durations.',
    producer: 'dialer-orchestrator',
    status: 'stable',
    consumers: ['campaign', 'billing', 'transcript', 'ticketing'],
  }),
  [DialerSubjects.TaskCreated]: event(DialerTaskCreatedV1, {
    description: 'Call tasks were stored (a campaign batch, or a callback for a missed call).',
    producer: 'dialer-orchestrator',
    status: 'stable',
    consumers: ['campaign'],
  }),
  [DialerSubjects.TaskRetryScheduled]: event(DialerTaskRetryScheduledV1, {
    description: 'A task will be dialled again after its retry delay.',
    producer: 'dialer-orchestrator',
    status: 'stable',
    consumers: ['campaign'],
  }),
  [DialerSubjects.TaskFinished]: event(DialerTaskFinishedV1, {
    description: "A task reached its final outcome (succeeded, failed, exhausted, blocked, cancelled); a callback's names its missed call (sourceCallId), whose ticket logs it.",
    producer: 'dialer-orchestrator',
    status: 'stable',
    consumers: ['campaign', 'ticketing'],
  }),
  [DialerRpc.HealthPing]: healthPing('dialer-orchestrator'),
  [DialerRpc.SettingsGet]: request('query', OrganizationQuery, DialerSettingsReply, {
    producers: fromGateway,
    status: 'stable',
    consumer: 'dialer-orchestrator',
    description: "The dialer's view of an organization's capacity: slots, reserved inbound slots, active calls.",
  }),
  [DialerRpc.CallCreate]: request('command', CreateCallRequest, CallAcceptedReply, {
    producers: ['api-gateway', 'campaign'],
    consumer: 'dialer-orchestrator',
    status: 'stable',
    description: 'Create a single, test or click-to-call call: the E4 pre-checks in their order (the first failure is the answer, nothing stored), then the call is queued; idempotent on idempotencyKey.',
  }),
  [DialerRpc.CallHangup]: request('command', CallControlRequest, CallAcceptedReply, {
    producers: fromGateway,
    consumer: 'dialer-orchestrator',
    status: 'stable',
    description: 'Hang up a call (CALL_ALREADY_ENDED once it ended): a queued call is cancelled at once, a dialled one ends when telephony reports its end.',
  }),
  [DialerRpc.CallTransfer]: request('command', CallTransferRequest, CallAcceptedReply, {
    producers: fromGateway,
    consumer: 'dialer-orchestrator',
    status: 'stable',
    description: 'Transfer a call in progress to a number or SIP URI (CALL_NOT_IN_PROGRESS, INVALID_TRANSFER_TARGET).',
  }),
  [DialerRpc.CallList]: request('query', CallSearchRequest, CallPageReply, {
    producers: fromGateway,
    consumer: 'dialer-orchestrator',
    status: 'stable',
    description: "The organization's calls, newest first; filters: campaign, state, number (normalized), operator, time range.",
  }),
  [DialerRpc.CallGet]: request('query', CallGetRequest, CallDetailReply, {
    producers: fromGateway,
    consumer: 'dialer-orchestrator',
    status: 'stable',
    description: 'One call with its transitions (time and cause), end reason, provider code and SIP cause (CALL_NOT_FOUND).',
  }),
  [DialerRpc.CampaignDiagnostics]: request('query', DialerCampaignDiagnosticsRequest, DialerCampaignDiagnosticsReply, {
    producers: ['api-gateway', 'campaign'],
    status: 'stable',
    consumer: 'dialer-orchestrator',
    description: 'Why nothing of a campaign is dialled right now (D5): paused, outside the window (per zone, and when it opens), no free slot (and who holds them), a rate cap, credits, an empty queue, retries not yet due — with counts.',
  }),
  ...dialingRuleMessages(),
} satisfies EntriesOf<typeof DialerSubjects & typeof DialerRpc>;

/** The do-not-call list, caller numbers and operators' presence (B4, E4): the gateway's /v1/dnc, /v1/hotlines, /v1/users/{id}/presence. */
function dialingRuleMessages() {
  const stable = { producers: fromGateway, status: 'stable', consumer: 'dialer-orchestrator' } as const;
  return {
    [DialerRpc.DncAdd]: request('command', DncAddRequest, DncAddReply, {
      ...stable,
      description: 'Add numbers to the do-not-call list: each normalized with the organization\'s default country; the valid ones stored once, the rest reported with their reason.',
    }),
    [DialerRpc.DncList]: request('query', DncListRequest, DncPageReply, {
      ...stable,
      description: 'The do-not-call list, newest first; with `number`, the entry of that number (normalized) if any.',
    }),
    [DialerRpc.DncRemove]: request('command', DncRemoveRequest, DncRemovedReply, {
      ...stable,
      description: 'Remove an entry from the do-not-call list.',
    }),
    [DialerRpc.DncCheck]: request('query', DncCheckRequest, DncCheckReply, {
      producers: ['campaign'],
      consumer: 'dialer-orchestrator',
      status: 'stable',
      description: 'Which of up to 5,000 E.164 numbers are on the do-not-call list (the campaign service flags imported contacts with it).',
    }),
    [DialerRpc.HotlineCreate]: request('command', HotlineCreateRequest, HotlineReply, {
      ...stable,
      description: 'Add a caller number (hotline): whether it may call out and which user groups may use it.',
    }),
    [DialerRpc.HotlineList]: request('query', HotlineListRequest, HotlinePageReply, {
      ...stable,
      description: "The organization's caller numbers, newest first.",
    }),
    [DialerRpc.HotlineGet]: request('query', HotlineRequest, HotlineReply, {
      ...stable,
      description: 'One caller number.',
    }),
    [DialerRpc.HotlineUpdate]: request('command', HotlineUpdateRequest, HotlineReply, {
      ...stable,
      description: "Change a caller number's label, outbound permission or allowed groups.",
    }),
    [DialerRpc.MessageRuleCreate]: request('command', MessageRuleCreateRequest, MessageRuleReply, {
      ...stable,
      description: 'Add a message rule (F3): which called numbers, business hours, the SMS template, once per caller per window, the callback delay.',
    }),
    [DialerRpc.MessageRuleList]: request('query', MessageRuleListRequest, MessageRulePageReply, {
      ...stable,
      description: "The organization's message rules, newest first.",
    }),
    [DialerRpc.MessageRuleGet]: request('query', MessageRuleRequest, MessageRuleReply, {
      ...stable,
      description: 'One message rule.',
    }),
    [DialerRpc.MessageRuleUpdate]: request('command', MessageRuleUpdateRequest, MessageRuleReply, {
      ...stable,
      description: 'Change the given fields of a message rule.',
    }),
    [DialerRpc.MessageRuleDelete]: request('command', MessageRuleRequest, MessageRuleDeletedReply, {
      ...stable,
      description: 'Delete a message rule.',
    }),
    [DialerRpc.PresenceSet]: request('command', PresenceSetRequest, PresenceReply, {
      ...stable,
      description: "Set an operator's presence (available, busy with a call, offline) for the pre-dial check AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL.",
    }),
  };
}
