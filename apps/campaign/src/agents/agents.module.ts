import { Module } from '@nestjs/common';
import { AgentRepository } from './agent.repository';
import { AgentEventsPort, AgentsPort } from './agents.port';
import { AgentsMessagesController } from './agents.messages.controller';
import { CreateAgentUseCase } from './create-agent.use-case';
import { DeleteAgentUseCase } from './delete-agent.use-case';
import { GetAgentUseCase } from './get-agent.use-case';
import { ListAgentsUseCase } from './list-agents.use-case';
import { OutboxAgentEvents } from './outbox-agent-events';
import { UpdateAgentUseCase } from './update-agent.use-case';

/** AI voice agents (C1–C3). */
@Module({
  controllers: [AgentsMessagesController],
  providers: [
    { provide: AgentsPort, useClass: AgentRepository },
    { provide: AgentEventsPort, useClass: OutboxAgentEvents },
    CreateAgentUseCase, UpdateAgentUseCase, GetAgentUseCase, ListAgentsUseCase, DeleteAgentUseCase,
  ],
})
export class AgentsModule {}
