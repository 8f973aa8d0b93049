import { Injectable } from '@nestjs/common';
import { DomainError, Rpc, type AgentReply, type AgentUpdateRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { Clock, IdempotentCommands } from '@santral/service-kit';
import { toAgentReply } from './agent.view';
import { AgentEventsPort, AgentsPort } from './agents.port';
import { applyAgentFields } from './build-agent';

/** Changes some fields of an agent (the row is locked; concurrent edits serialize); publishes the full snapshot. */
@Injectable()
export class UpdateAgentUseCase {
  constructor(
    private readonly agents: AgentsPort,
    private readonly events: AgentEventsPort,
    private readonly commands: IdempotentCommands,
    private readonly clock: Clock,
  ) {}

  async execute(input: AgentUpdateRequest): Promise<AgentReply> {
    const orgId = asOrgId(input.organizationId);
    const { organizationId: _org, agentId, idempotencyKey, ...fields } = input;
    if (Object.values(fields).every((v) => v === undefined)) {
      throw DomainError.validation([{ field: 'body', message: 'give at least one field to change' }], 'Nothing to update');
    }
    return this.commands.run(orgId, Rpc.Campaign.AgentUpdate, idempotencyKey, async (tx) => {
      const current = await this.agents.findForUpdate(orgId, agentId.toLowerCase(), tx);
      if (!current) throw new DomainError('NOT_FOUND', `Agent ${agentId} not found`);
      const next = { ...applyAgentFields(current, fields), updatedAt: this.clock.now() };
      await this.agents.update(next, tx);
      await this.events.updated(next, tx);
      return toAgentReply(next);
    });
  }
}
