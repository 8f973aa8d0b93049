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
import { CampaignActionReply, CampaignActionRequest, CampaignStartRequest } from './campaign.rpc';

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
} as const;

const fromGateway = ['api-gateway'] as const;

/** What travels on each subject above; a subject without its entry does not compile. */
export const campaignMessages = {
  [CampaignSubjects.CampaignStarted]: event(CampaignStartedV1, {
    description: 'A campaign passed its start checks (D3) and is active; carries the whole dial plan.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator'],
  }),
  [CampaignSubjects.CampaignUpdated]: event(CampaignUpdatedV1, {
    description: 'A campaign was edited (schedule, windows, caps), possibly while active; full dial plan.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator'],
  }),
  [CampaignSubjects.CampaignPaused]: event(CampaignPausedV1, {
    description: 'A campaign was paused (manually, for insufficient credits, end date, …); the dialer stops dispatching it.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator'],
  }),
  [CampaignSubjects.CampaignResumed]: event(CampaignResumedV1, {
    description: 'A paused campaign was started again.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator'],
  }),
  [CampaignSubjects.CampaignCompleted]: event(CampaignCompletedV1, {
    description: 'Every contact reached a final outcome, or the end date passed.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator'],
  }),
  [CampaignSubjects.CampaignCancelled]: event(CampaignCancelledV1, {
    description: 'A campaign was cancelled; its pending tasks are dropped.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator'],
  }),
  [CampaignSubjects.CallRequested]: event(CallRequestedV1, {
    description: 'A batch of up to 500 contacts to dial for a campaign; the dialer stores one task per contact.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator'],
    public: false,
  }),
  [CampaignSubjects.AgentCreated]: event(AgentCreatedV1, {
    description: 'An AI voice agent was created; full snapshot including completeness.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator', 'telephony-gateway'],
  }),
  [CampaignSubjects.AgentUpdated]: event(AgentUpdatedV1, {
    description: 'An AI voice agent changed; full snapshot including completeness.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator', 'telephony-gateway'],
  }),
  [CampaignSubjects.AgentDeleted]: event(AgentDeletedV1, {
    description: 'An AI voice agent was deleted.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator', 'telephony-gateway'],
  }),
  [CampaignRpc.HealthPing]: healthPing('campaign'),
  [CampaignRpc.CampaignStart]: request('command', CampaignStartRequest, CampaignActionReply, {
    producers: fromGateway,
    consumer: 'campaign',
    description: 'Start (or start again) a campaign; fails with the first D3 check that does not pass.',
  }),
  [CampaignRpc.CampaignPause]: request('command', CampaignActionRequest, CampaignActionReply, {
    producers: fromGateway,
    consumer: 'campaign',
    description: 'Pause an active campaign.',
  }),
  [CampaignRpc.CampaignResume]: request('command', CampaignActionRequest, CampaignActionReply, {
    producers: fromGateway,
    consumer: 'campaign',
    description: 'Resume a paused campaign.',
  }),
  [CampaignRpc.CampaignCancel]: request('command', CampaignActionRequest, CampaignActionReply, {
    producers: fromGateway,
    consumer: 'campaign',
    description: 'Cancel a campaign.',
  }),
} satisfies EntriesOf<typeof CampaignSubjects & typeof CampaignRpc>;
