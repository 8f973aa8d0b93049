import { Injectable } from '@nestjs/common';
import { DomainError, Rpc, type AgentCreateRequest, type AgentReply } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { Clock, IdempotentCommands } from '@santral/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { AGENT_DEFAULTS, type Agent } from './agent';
import { toAgentReply } from './agent.view';
import { AgentEventsPort, AgentsPort } from './agents.port';
import { applyAgentFields } from './build-agent';

/** Creates an agent (C1); it may be incomplete (C2: `missingFields` says what it lacks). Row and event commit together. */
@Injectable()
export class CreateAgentUseCase {
  constructor(
    private readonly agents: AgentsPort,
    private readonly events: AgentEventsPort,
    private readonly commands: IdempotentCommands,
    private readonly clock: Clock,
  ) {}

  async execute(input: AgentCreateRequest): Promise<AgentReply> {
    const orgId = asOrgId(input.organizationId);
    if (!input.name?.trim()) throw DomainError.validation([{ field: 'name', message: 'name is required' }], 'The agent is not valid');
    const now = this.clock.now();
    const blank: Agent = {
      id: uuidv7(),
      organizationId: orgId,
      name: input.name.trim(),
      ...AGENT_DEFAULTS,
      greetingMessage: null,
      systemInstruction: null,
      voice: null,
      language: null,
      forwardingTargets: [],
      variables: [],
      createdAt: now,
      updatedAt: now,
    };
    const agent = applyAgentFields(blank, input);
    return this.commands.run(orgId, Rpc.Campaign.AgentCreate, input.idempotencyKey, async (tx) => {
      await this.agents.insert(agent, tx);
      await this.events.created(agent, tx);
      return toAgentReply(agent);
    });
  }
}
