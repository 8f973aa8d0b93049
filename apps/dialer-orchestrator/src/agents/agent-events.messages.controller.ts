import { Controller } from '@nestjs/common';
import { Subjects, type AgentCreatedV1, type AgentDeletedV1, type AgentSnapshotV1, type AgentUpdatedV1, type EventEnvelope } from '@santral/contracts';
import { OnEvent } from '@santral/messaging';
import type { Tx } from '@santral/persistence';
import { ApplyAgentFactUseCase } from './apply-agent-fact.use-case';

const snapshot = (d: AgentSnapshotV1, e: EventEnvelope<unknown>) => ({
  kind: 'snapshot' as const, agentId: d.agentId, name: d.name, active: d.active, complete: d.complete, missingFields: d.missingFields, at: e.time, eventId: e.id,
});

/** The campaign context's agents as the dialer needs them; translation only (the envelope time and id order the facts). */
@Controller()
export class AgentEventsMessagesController {
  constructor(private readonly apply: ApplyAgentFactUseCase) {}

  @OnEvent(Subjects.Campaign.AgentCreated)
  created(d: AgentCreatedV1, e: EventEnvelope<AgentCreatedV1>, tx: Tx) {
    return this.apply.execute(d.organizationId, snapshot(d, e), tx);
  }

  @OnEvent(Subjects.Campaign.AgentUpdated)
  updated(d: AgentUpdatedV1, e: EventEnvelope<AgentUpdatedV1>, tx: Tx) {
    return this.apply.execute(d.organizationId, snapshot(d, e), tx);
  }

  @OnEvent(Subjects.Campaign.AgentDeleted)
  deleted(d: AgentDeletedV1, e: EventEnvelope<AgentDeletedV1>, tx: Tx) {
    return this.apply.execute(d.organizationId, { kind: 'deleted', agentId: d.agentId, at: e.time, eventId: e.id }, tx);
  }
}
