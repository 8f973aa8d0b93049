import { Controller } from '@nestjs/common';
import { AgentCreateRequest, AgentListRequest, AgentRequest, AgentUpdateRequest, Rpc } from '@santral/contracts';
import { RpcHandler } from '@santral/messaging';
import { CreateAgentUseCase } from './create-agent.use-case';
import { DeleteAgentUseCase } from './delete-agent.use-case';
import { GetAgentUseCase } from './get-agent.use-case';
import { ListAgentsUseCase } from './list-agents.use-case';
import { UpdateAgentUseCase } from './update-agent.use-case';

/** NATS request/reply adapter for /v1/agents; payloads arrive validated against their contracts class. */
@Controller()
export class AgentsMessagesController {
  constructor(
    private readonly createAgent: CreateAgentUseCase,
    private readonly updateAgent: UpdateAgentUseCase,
    private readonly getAgent: GetAgentUseCase,
    private readonly listAgents: ListAgentsUseCase,
    private readonly deleteAgent: DeleteAgentUseCase,
  ) {}

  @RpcHandler(Rpc.Campaign.AgentCreate)
  create(input: AgentCreateRequest) {
    return this.createAgent.execute(input);
  }

  @RpcHandler(Rpc.Campaign.AgentUpdate)
  update(input: AgentUpdateRequest) {
    return this.updateAgent.execute(input);
  }

  @RpcHandler(Rpc.Campaign.AgentGet)
  get(input: AgentRequest) {
    return this.getAgent.execute(input);
  }

  @RpcHandler(Rpc.Campaign.AgentList)
  list(input: AgentListRequest) {
    return this.listAgents.execute(input);
  }

  @RpcHandler(Rpc.Campaign.AgentDelete)
  remove(input: AgentRequest) {
    return this.deleteAgent.execute(input);
  }
}
