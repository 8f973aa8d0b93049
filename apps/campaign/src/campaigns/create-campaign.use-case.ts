import { Injectable } from '@nestjs/common';
import { CAMPAIGN_LIMITS, DomainError, Rpc, type CampaignCreateRequest, type CampaignReply, type ProblemFieldError } from '@santral/contracts';
import { asOrgId, type OrgId, type Tx } from '@santral/persistence';
import { Clock, IdempotentCommands } from '@santral/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { DEFAULT_RETRY_POLICY, type Campaign } from './campaign';
import { applyCampaignFields, campaignFieldErrors } from './campaign-rules';
import { toCampaignReply } from './campaign.view';
import { CampaignSourcesPort, CampaignsPort } from './campaigns.port';

/** Creates a draft campaign (D1): the agent and the call list must be the organization's; settings are checked as a whole. */
@Injectable()
export class CreateCampaignUseCase {
  constructor(
    private readonly campaigns: CampaignsPort,
    private readonly sources: CampaignSourcesPort,
    private readonly commands: IdempotentCommands,
    private readonly clock: Clock,
  ) {}

  async execute(input: CampaignCreateRequest): Promise<CampaignReply> {
    const orgId = asOrgId(input.organizationId);
    const { organizationId: _o, idempotencyKey, agentId, callListId, ...fields } = input;
    const missing: ProblemFieldError[] = (['name', 'startsAt', 'endsAt'] as const).filter((f) => fields[f] === undefined).map((field) => ({ field, message: `${field} is required` }));
    if (missing.length) throw DomainError.validation(missing);
    const now = this.clock.now();
    const draft = applyCampaignFields(blank(orgId, agentId.toLowerCase(), callListId.toLowerCase(), now), fields);
    const errors = campaignFieldErrors(draft);
    if (errors.length) throw DomainError.validation(errors);
    return this.commands.run(orgId, Rpc.Campaign.CampaignCreate, idempotencyKey, async (tx) => {
      await assertSources(this.sources, orgId, draft.agentId, draft.callListId, tx);
      await this.campaigns.insert(draft, tx);
      return toCampaignReply(draft);
    });
  }
}

/** The agent and the list must exist in the organization (another organization's id is "not found"). */
export async function assertSources(sources: CampaignSourcesPort, orgId: OrgId, agentId: string, callListId: string, tx: Tx): Promise<void> {
  if (!(await sources.agent(orgId, agentId, tx))) throw new DomainError('CAMPAIGN_AGENT_NOT_FOUND', `Agent ${agentId} not found`, { field: 'agentId' });
  if (!(await sources.callListExists(orgId, callListId, tx))) throw new DomainError('CAMPAIGN_CALL_LIST_NOT_FOUND', `Call list ${callListId} not found`, { field: 'callListId' });
}

function blank(orgId: OrgId, agentId: string, callListId: string, now: Date): Campaign {
  return {
    id: uuidv7(),
    organizationId: orgId,
    name: '',
    agentId,
    callListId,
    state: 'draft',
    pauseReason: null,
    completionReason: null,
    fromNumber: null,
    providerAccountId: null,
    startsAt: now,
    endsAt: now,
    callingWindows: CAMPAIGN_LIMITS.defaultWindows.map((w) => ({ ...w })),
    defaultTimeZone: null,
    retryPolicy: DEFAULT_RETRY_POLICY,
    callsPerHour: null,
    ringTimeoutSeconds: CAMPAIGN_LIMITS.ringTimeout.default,
    maxCallSeconds: null,
    restrictedDates: [],
    sampleSize: null,
    release: { after: null, limit: null, requested: 0, done: true },
    createdAt: now,
    updatedAt: now,
    startedAt: null,
    finishedAt: null,
  };
}
