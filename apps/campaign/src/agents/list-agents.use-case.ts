import { Injectable } from '@nestjs/common';
import type { AgentListRequest, AgentPageReply } from '@santral/contracts';
import { asOrgId, pageRequest } from '@santral/persistence';
import { toAgentReply } from './agent.view';
import { AgentsPort } from './agents.port';

/** The organization's agents, newest first. */
@Injectable()
export class ListAgentsUseCase {
  constructor(private readonly agents: AgentsPort) {}

  async execute(input: AgentListRequest): Promise<AgentPageReply> {
    const { items, nextCursor } = await this.agents.page(asOrgId(input.organizationId), pageRequest(input.limit, input.cursor));
    return { items: items.map(toAgentReply), nextCursor };
  }
}
