import { Injectable } from '@nestjs/common';
import { DomainError } from '@santral/contracts';
import type { OrgId, Tx } from '@santral/persistence';
import { CONTACT_FIELDS } from '../agents/agent-rules';
import type { Campaign } from './campaign';
import { CampaignSourcesPort, CreditBalance } from './campaigns.port';

/** The D3 start checks, in CAMPAIGN_START_CHECK_ORDER; the first that fails is thrown as its named error. */
@Injectable()
export class CampaignStartChecks {
  constructor(
    private readonly sources: CampaignSourcesPort,
    private readonly credits: CreditBalance,
  ) {}

  /** Answers the contact count of the list when every check passes. */
  async assert(orgId: OrgId, c: Campaign, now: Date, tx: Tx): Promise<number> {
    const agent = await this.sources.agent(orgId, c.agentId, tx);
    if (!agent) throw new DomainError('CAMPAIGN_AGENT_MISSING', `Agent ${c.agentId} no longer exists; choose another agent`);
    if (!agent.active) throw new DomainError('AGENT_INACTIVE', `Agent ${c.agentId} is inactive`, { agentId: c.agentId });
    if (agent.missingFields.length > 0) {
      throw new DomainError('AGENT_INCOMPLETE', `Agent ${c.agentId} is missing ${agent.missingFields.join(', ')}`, { agentId: c.agentId, missingFields: agent.missingFields });
    }
    const contacts = await this.sources.contactCount(orgId, c.callListId, tx);
    if (contacts === 0) throw new DomainError('CAMPAIGN_LIST_EMPTY', `Call list ${c.callListId} has no contacts`, { callListId: c.callListId });
    const known = new Set([...CONTACT_FIELDS, ...(await this.sources.listVariables(orgId, c.callListId, tx))]);
    const unknown = agent.usedVariables.filter((v) => !known.has(v));
    if (unknown.length > 0) {
      throw new DomainError('CAMPAIGN_UNKNOWN_VARIABLE', `The agent uses ${unknown.map((v) => `{{${v}}}`).join(', ')}, which the call list's contacts do not have`, { variables: unknown });
    }
    if (c.endsAt.getTime() <= now.getTime()) throw new DomainError('CAMPAIGN_SCHEDULE_OVER', `The campaign ended at ${c.endsAt.toISOString()}; move endsAt to start it`, { endsAt: c.endsAt.toISOString() });
    const standing = await this.credits.standing(orgId);
    if (standing.available < standing.minCreditsToStart) {
      throw new DomainError('INSUFFICIENT_CREDITS', `${standing.available} credits available, ${standing.minCreditsToStart} needed to start`, { ...standing });
    }
    return contacts;
  }
}
