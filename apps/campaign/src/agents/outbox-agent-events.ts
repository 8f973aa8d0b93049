import { Injectable } from '@nestjs/common';
import { Subjects } from '@santral/contracts';
import { EventPublisher } from '@santral/messaging';
import type { OrgId, Tx } from '@santral/persistence';
import type { Agent } from './agent';
import { agentSnapshot } from './agent.view';
import { AgentEventsPort } from './agents.port';

/** Writes campaign.agent.* into the outbox in the caller's transaction (DESIGN §2). */
@Injectable()
export class OutboxAgentEvents extends AgentEventsPort {
  constructor(private readonly publisher: EventPublisher) {
    super();
  }

  async created(agent: Agent, tx: Tx): Promise<void> {
    await this.publisher.publish(Subjects.Campaign.AgentCreated, agentSnapshot(agent), { orgid: agent.organizationId, subject: agent.id, time: agent.updatedAt.toISOString(), manager: tx });
  }

  async updated(agent: Agent, tx: Tx): Promise<void> {
    await this.publisher.publish(Subjects.Campaign.AgentUpdated, agentSnapshot(agent), { orgid: agent.organizationId, subject: agent.id, time: agent.updatedAt.toISOString(), manager: tx });
  }

  async deleted(orgId: OrgId, agentId: string, tx: Tx): Promise<void> {
    await this.publisher.publish(Subjects.Campaign.AgentDeleted, { organizationId: orgId, agentId }, { orgid: orgId, subject: agentId, manager: tx });
  }
}
