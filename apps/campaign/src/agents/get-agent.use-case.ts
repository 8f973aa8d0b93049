import { Injectable } from '@nestjs/common';
import { DomainError, type AgentReply, type AgentRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { toAgentReply } from './agent.view';
import { AgentsPort } from './agents.port';

@Injectable()
export class GetAgentUseCase {
  constructor(private readonly agents: AgentsPort) {}

  async execute(input: AgentRequest): Promise<AgentReply> {
    const agent = await this.agents.find(asOrgId(input.organizationId), input.agentId.toLowerCase());
    if (!agent) throw new DomainError('NOT_FOUND', `Agent ${input.agentId} not found`);
    return toAgentReply(agent);
  }
}
