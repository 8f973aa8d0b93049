import type { OrgId, Page, PageRequest, Tx } from '@santral/persistence';
import type { Agent } from './agent';

/** Port: where the organization's agents are kept. */
export abstract class AgentsPort {
  abstract insert(agent: Agent, tx: Tx): Promise<void>;
  /** Locks the row for the caller's transaction. */
  abstract findForUpdate(orgId: OrgId, id: string, tx: Tx): Promise<Agent | null>;
  abstract update(agent: Agent, tx: Tx): Promise<void>;
  abstract find(orgId: OrgId, id: string): Promise<Agent | null>;
  abstract page(orgId: OrgId, page: PageRequest): Promise<Page<Agent>>;
  /** True when it existed. */
  abstract delete(orgId: OrgId, id: string, tx: Tx): Promise<boolean>;
}

/** Port: campaign.agent.created|updated|deleted.v1 written in the caller's transaction (outbox). */
export abstract class AgentEventsPort {
  abstract created(agent: Agent, tx: Tx): Promise<void>;
  abstract updated(agent: Agent, tx: Tx): Promise<void>;
  abstract deleted(orgId: OrgId, agentId: string, tx: Tx): Promise<void>;
}
