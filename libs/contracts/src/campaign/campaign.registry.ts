import { healthPing } from '../common/common.registry';
import { event, request, type EntriesOf } from '../registry/define';
import { AgentCreatedV1, AgentDeletedV1, AgentUpdatedV1 } from './agent.events';
import {
  CallRequestedV1,
  CampaignCancelledV1,
  CampaignCompletedV1,
  CampaignPausedV1,
  CampaignResumedV1,
  CampaignStartedV1,
  CampaignUpdatedV1,
} from './campaign.events';
import {
  AgentCreateRequest,
  AgentDeletedReply,
  AgentListRequest,
  AgentPageReply,
  AgentReply,
  AgentRequest,
  AgentUpdateRequest,
} from './agent.rpc';
import {
  CallListContactsRequest,
  CallListCreateRequest,
  CallListListRequest,
  CallListPageReply,
  CallListReply,
  CallListRequest,
  ContactPageReply,
  ImportJobReply,
  ImportRejectedRowsReply,
  ImportRejectedRowsRequest,
  ImportRequest,
  ImportStartRequest,
} from './call-list.rpc';
import { CampaignActionReply, CampaignActionRequest, CampaignStartRequest } from './campaign.rpc';
import {
  CampaignContactPageReply,
  CampaignContactsRequest,
  CampaignCreateRequest,
  CampaignDiagnosticsReply,
  CampaignListRequest,
  CampaignPageReply,
  CampaignProgressReply,
  CampaignReply,
  CampaignRequest,
  CampaignUpdateRequest,
} from './campaigns.rpc';

/** JetStream subjects of the campaign context: the events it publishes and the commands it receives. */
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

/** Core request/reply subjects answered by the campaign context (`Rpc.Campaign`). */
export const CampaignRpc = {
  HealthPing: 'rpc.campaign.health.ping',
  CampaignStart: 'rpc.campaign.campaign.start',
  CampaignPause: 'rpc.campaign.campaign.pause',
  CampaignResume: 'rpc.campaign.campaign.resume',
  CampaignCancel: 'rpc.campaign.campaign.cancel',
  CampaignCreate: 'rpc.campaign.campaign.create',
  CampaignUpdate: 'rpc.campaign.campaign.update',
  CampaignGet: 'rpc.campaign.campaign.get',
  CampaignList: 'rpc.campaign.campaign.list',
  CampaignProgress: 'rpc.campaign.campaign.progress',
  CampaignContacts: 'rpc.campaign.campaign.contacts',
  CampaignDiagnostics: 'rpc.campaign.campaign.diagnostics',
  AgentCreate: 'rpc.campaign.agent.create',
  AgentUpdate: 'rpc.campaign.agent.update',
  AgentGet: 'rpc.campaign.agent.get',
  AgentList: 'rpc.campaign.agent.list',
  AgentDelete: 'rpc.campaign.agent.delete',
  CallListCreate: 'rpc.campaign.call_list.create',
  CallListGet: 'rpc.campaign.call_list.get',
  CallListList: 'rpc.campaign.call_list.list',
  CallListContacts: 'rpc.campaign.call_list.contacts',
  ImportStart: 'rpc.campaign.import.start',
  ImportGet: 'rpc.campaign.import.get',
  ImportRejectedRows: 'rpc.campaign.import.rejected_rows',
} as const;

const fromGateway = ['api-gateway'] as const;

/** What travels on each subject above; a subject without its entry does not compile. */
export const campaignMessages = {
  [CampaignSubjects.CampaignStarted]: event(CampaignStartedV1, {
    status: 'stable',
    description: 'A campaign passed its start checks (D3) and is active; carries the whole dial plan.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator'],
  }),
  [CampaignSubjects.CampaignUpdated]: event(CampaignUpdatedV1, {
    status: 'stable',
    description: 'A campaign was edited (schedule, windows, caps), possibly while active; full dial plan.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator'],
  }),
  [CampaignSubjects.CampaignPaused]: event(CampaignPausedV1, {
    status: 'stable',
    description: 'A campaign was paused (manually, for insufficient credits, end date, …); the dialer stops dispatching it.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator'],
  }),
  [CampaignSubjects.CampaignResumed]: event(CampaignResumedV1, {
    status: 'stable',
    description: 'A paused campaign was started again.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator'],
  }),
  [CampaignSubjects.CampaignCompleted]: event(CampaignCompletedV1, {
    status: 'stable',
    description: 'Every contact reached a final outcome, or the end date passed.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator'],
  }),
  [CampaignSubjects.CampaignCancelled]: event(CampaignCancelledV1, {
    status: 'stable',
    description: 'A campaign was cancelled; its pending tasks are dropped.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator'],
  }),
  [CampaignSubjects.CallRequested]: event(CallRequestedV1, {
    status: 'stable',
    description: 'A batch of up to 500 contacts to dial for a campaign; the dialer stores one task per contact.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator'],
    public: false,
  }),
  [CampaignSubjects.AgentCreated]: event(AgentCreatedV1, {
    status: 'stable',
    description: 'An AI voice agent was created; full snapshot including completeness.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator', 'telephony-gateway'],
  }),
  [CampaignSubjects.AgentUpdated]: event(AgentUpdatedV1, {
    status: 'stable',
    description: 'An AI voice agent changed; full snapshot including completeness.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator', 'telephony-gateway'],
  }),
  [CampaignSubjects.AgentDeleted]: event(AgentDeletedV1, {
    status: 'stable',
    description: 'An AI voice agent was deleted.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator', 'telephony-gateway'],
  }),
  [CampaignRpc.HealthPing]: healthPing('campaign'),
  [CampaignRpc.CampaignStart]: request('command', CampaignStartRequest, CampaignActionReply, {
    status: 'stable',
    producers: fromGateway,
    consumer: 'campaign',
    description: 'Start (or start again) a campaign; fails with the first D3 check that does not pass.',
  }),
  [CampaignRpc.CampaignPause]: request('command', CampaignActionRequest, CampaignActionReply, {
    status: 'stable',
    producers: fromGateway,
    consumer: 'campaign',
    description: 'Pause an active campaign.',
  }),
  [CampaignRpc.CampaignResume]: request('command', CampaignActionRequest, CampaignActionReply, {
    status: 'stable',
    producers: fromGateway,
    consumer: 'campaign',
    description: 'Resume a paused campaign.',
  }),
  [CampaignRpc.CampaignCancel]: request('command', CampaignActionRequest, CampaignActionReply, {
    status: 'stable',
    producers: fromGateway,
    consumer: 'campaign',
    description: 'Cancel a campaign.',
  }),
  ...agentAndCallListMessages(),
  ...campaignCrudMessages(),
} satisfies EntriesOf<typeof CampaignSubjects & typeof CampaignRpc>;

/** /v1/agents, /v1/call-lists and /v1/imports of the gateway (C1–C3, B3). */
function agentAndCallListMessages() {
  const stable = { producers: fromGateway, consumer: 'campaign', status: 'stable' } as const;
  return {
    [CampaignRpc.AgentCreate]: request('command', AgentCreateRequest, AgentReply, { ...stable, description: 'Create an AI voice agent (C1); answers it with `complete` and `missingFields` (C2).' }),
    [CampaignRpc.AgentUpdate]: request('command', AgentUpdateRequest, AgentReply, { ...stable, description: 'Change some fields of an agent; `null` clears an optional one.' }),
    [CampaignRpc.AgentGet]: request('query', AgentRequest, AgentReply, { ...stable, description: 'One agent, with its completeness.' }),
    [CampaignRpc.AgentList]: request('query', AgentListRequest, AgentPageReply, { ...stable, description: "The organization's agents, newest first." }),
    [CampaignRpc.AgentDelete]: request('command', AgentRequest, AgentDeletedReply, { ...stable, description: 'Delete an agent.' }),
    [CampaignRpc.CallListCreate]: request('command', CallListCreateRequest, CallListReply, { ...stable, description: 'Create a call list; `country` reads numbers written without one (default: the organization\'s).' }),
    [CampaignRpc.CallListGet]: request('query', CallListRequest, CallListReply, { ...stable, description: 'One call list with its contact count.' }),
    [CampaignRpc.CallListList]: request('query', CallListListRequest, CallListPageReply, { ...stable, description: "The organization's call lists, newest first." }),
    [CampaignRpc.CallListContacts]: request('query', CallListContactsRequest, ContactPageReply, { ...stable, description: 'The contacts of a call list, newest first.' }),
    [CampaignRpc.ImportStart]: request('command', ImportStartRequest, ImportJobReply, {
      ...stable,
      description: 'Import a file (CSV or XLSX) already in the import object store bucket into a call list; answers the queued job at once.',
    }),
    [CampaignRpc.ImportGet]: request('query', ImportRequest, ImportJobReply, { ...stable, description: 'An import job: state and counts (rows read, accepted, rejected, duplicates, on DNC).' }),
    [CampaignRpc.ImportRejectedRows]: request('query', ImportRejectedRowsRequest, ImportRejectedRowsReply, { ...stable, description: 'The rows an import did not take, in line order, with their reason.' }),
  };
}

/** /v1/campaigns of the gateway (D1, D4, D5). */
function campaignCrudMessages() {
  const stable = { producers: fromGateway, consumer: 'campaign', status: 'stable' } as const;
  return {
    [CampaignRpc.CampaignCreate]: request('command', CampaignCreateRequest, CampaignReply, { ...stable, description: 'Create a draft campaign: agent, call list, schedule, windows, retry matrix, caps (D1).' }),
    [CampaignRpc.CampaignUpdate]: request('command', CampaignUpdateRequest, CampaignReply, { ...stable, description: 'Edit a campaign; while active or paused the dialer gets the whole new dial plan (campaign.campaign.updated.v1).' }),
    [CampaignRpc.CampaignGet]: request('query', CampaignRequest, CampaignReply, { ...stable, description: 'One campaign with its state and pause reason.' }),
    [CampaignRpc.CampaignList]: request('query', CampaignListRequest, CampaignPageReply, { ...stable, description: "The organization's campaigns, newest first." }),
    [CampaignRpc.CampaignProgress]: request('query', CampaignRequest, CampaignProgressReply, { ...stable, description: 'Totals per contact state, success rate, average talk time and cost so far (D4).' }),
    [CampaignRpc.CampaignContacts]: request('query', CampaignContactsRequest, CampaignContactPageReply, { ...stable, description: 'Per-contact progress of a campaign, in contact order (D4).' }),
    [CampaignRpc.CampaignDiagnostics]: request('query', CampaignRequest, CampaignDiagnosticsReply, { ...stable, description: 'Why a campaign dials nothing (or little), as sentences and structured reasons (D5).' }),
  };
}
