import { Module } from '@nestjs/common';
import { AgentCheck } from './agent.check';
import { AgentEventsMessagesController } from './agent-events.messages.controller';
import { AgentRepository } from './agent.repository';
import { AgentStore } from './agent.store';
import { ApplyAgentFactUseCase } from './apply-agent-fact.use-case';

/** The dialer's projection of the campaign context's AI agents; exports the pre-dial agent check (E4). */
@Module({
  controllers: [AgentEventsMessagesController],
  providers: [{ provide: AgentStore, useClass: AgentRepository }, ApplyAgentFactUseCase, AgentCheck],
  exports: [AgentCheck],
})
export class AgentsModule {}
