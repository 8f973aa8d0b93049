import { Injectable } from '@nestjs/common';
import { asOrgId, type Tx } from '@santral/persistence';
import { AgentStore, type AgentFact } from './agent.store';

/**
 * campaign.agent.created|updated|deleted.v1 → the dialer's projection of the agent: the newest fact
 * wins whatever order they arrive in (a duplicate changes nothing), and a delete is final.
 */
@Injectable()
export class ApplyAgentFactUseCase {
  constructor(private readonly agents: AgentStore) {}

  async execute(organizationId: string, fact: AgentFact, tx: Tx): Promise<void> {
    await this.agents.apply(asOrgId(organizationId), { ...fact, agentId: fact.agentId.toLowerCase() }, tx);
  }
}
