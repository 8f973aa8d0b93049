import { Injectable } from '@nestjs/common';
import { DomainError } from '@santral/contracts';
import type { OrgId } from '@santral/persistence';
import { agentRefusal } from './agent';
import { AgentStore } from './agent.store';

/** The pre-dial path's agent check (E4: AGENT_INACTIVE, then AGENT_INCOMPLETE). */
@Injectable()
export class AgentCheck {
  constructor(private readonly agents: AgentStore) {}

  async assertMayTakeCalls(orgId: OrgId, agentId: string): Promise<void> {
    const refusal = agentRefusal(await this.agents.find(orgId, agentId.toLowerCase()), agentId);
    if (refusal) throw new DomainError(refusal.code, refusal.message);
  }
}
