import { Injectable } from '@nestjs/common';
import { DomainError, Rpc, type AgentDeletedReply, type AgentRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { IdempotentCommands } from '@santral/service-kit';
import { AgentEventsPort, AgentsPort } from './agents.port';

/** Deletes an agent; campaign.agent.deleted.v1 commits with it. Another organization's agent is NOT_FOUND. */
@Injectable()
export class DeleteAgentUseCase {
  constructor(
    private readonly agents: AgentsPort,
    private readonly events: AgentEventsPort,
    private readonly commands: IdempotentCommands,
  ) {}

  async execute(input: AgentRequest): Promise<AgentDeletedReply> {
    const orgId = asOrgId(input.organizationId);
    const agentId = input.agentId.toLowerCase();
    return this.commands.run(orgId, Rpc.Campaign.AgentDelete, undefined, async (tx) => {
      if (!(await this.agents.delete(orgId, agentId, tx))) throw new DomainError('NOT_FOUND', `Agent ${input.agentId} not found`);
      await this.events.deleted(orgId, agentId, tx);
      return { agentId };
    });
  }
}
