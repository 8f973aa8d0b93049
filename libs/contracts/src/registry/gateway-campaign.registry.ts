import { AgentCreatedV1, AgentDeletedV1, AgentUpdatedV1 } from '../campaign/agent.events';
import {
  CallRequestedV1,
  CampaignCancelledV1,
  CampaignCompletedV1,
  CampaignPausedV1,
  CampaignResumedV1,
  CampaignStartedV1,
  CampaignUpdatedV1,
} from '../campaign/campaign.events';
import { OrganizationCreatedV1, OrganizationUpdatedV1 } from '../gateway/gateway.events';
import { CampaignSubjects as C, GatewaySubjects as G } from '../subjects';
import { event } from './define';

const ORG_CONSUMERS = ['campaign', 'dialer-orchestrator', 'telephony-gateway', 'billing', 'ticketing'] as const;

export const gatewayMessages = {
  [G.OrganizationCreated]: event(OrganizationCreatedV1, {
    description: 'An organization was created with its plan limits, default country and time zone.',
    producer: 'api-gateway',
    consumers: ORG_CONSUMERS,
    public: false,
  }),
  [G.OrganizationUpdated]: event(OrganizationUpdatedV1, {
    description: 'An organization changed (plan, slots, calls/hour, minimum credits, country, time zone); full snapshot.',
    producer: 'api-gateway',
    consumers: ORG_CONSUMERS,
    public: false,
  }),
};

export const campaignMessages = {
  [C.CampaignStarted]: event(CampaignStartedV1, {
    description: 'A campaign passed its start checks (D3) and is active; carries the whole dial plan.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator'],
  }),
  [C.CampaignUpdated]: event(CampaignUpdatedV1, {
    description: 'A campaign was edited (schedule, windows, caps), possibly while active; full dial plan.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator'],
  }),
  [C.CampaignPaused]: event(CampaignPausedV1, {
    description: 'A campaign was paused (manually, for insufficient credits, end date, …); the dialer stops dispatching it.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator'],
  }),
  [C.CampaignResumed]: event(CampaignResumedV1, {
    description: 'A paused campaign was started again.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator'],
  }),
  [C.CampaignCompleted]: event(CampaignCompletedV1, {
    description: 'Every contact reached a final outcome, or the end date passed.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator'],
  }),
  [C.CampaignCancelled]: event(CampaignCancelledV1, {
    description: 'A campaign was cancelled; its pending tasks are dropped.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator'],
  }),
  [C.CallRequested]: event(CallRequestedV1, {
    description: 'A batch of up to 500 contacts to dial for a campaign; the dialer stores one task per contact.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator'],
    public: false,
  }),
  [C.AgentCreated]: event(AgentCreatedV1, {
    description: 'An AI voice agent was created; full snapshot including completeness.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator', 'telephony-gateway'],
  }),
  [C.AgentUpdated]: event(AgentUpdatedV1, {
    description: 'An AI voice agent changed; full snapshot including completeness.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator', 'telephony-gateway'],
  }),
  [C.AgentDeleted]: event(AgentDeletedV1, {
    description: 'An AI voice agent was deleted.',
    producer: 'campaign',
    consumers: ['dialer-orchestrator', 'telephony-gateway'],
  }),
};
