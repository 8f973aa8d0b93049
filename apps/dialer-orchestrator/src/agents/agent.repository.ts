import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { tenantQuery, type OrgId, type Tx } from '@santral/persistence';
import type { DialerAgent } from './agent';
import { AgentStore, type AgentFact } from './agent.store';

@Injectable()
export class AgentRepository extends AgentStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async apply(orgId: OrgId, fact: AgentFact, tx: Tx): Promise<void> {
    if (fact.kind === 'deleted') {
      // Final: kept (not removed) so a late created/updated cannot bring the agent back.
      await tenantQuery(
        tx,
        orgId,
        `INSERT INTO dialer_agents (organization_id, agent_id, name, active, complete, deleted, fact_at, fact_id)
         VALUES ($1, $2, '', false, false, true, $3, $4)
         ON CONFLICT (organization_id, agent_id) DO UPDATE SET deleted = true, active = false, updated_at = now()`,
        [fact.agentId, fact.at, fact.eventId],
      );
      return;
    }
    await tenantQuery(
      tx,
      orgId,
      `INSERT INTO dialer_agents (organization_id, agent_id, name, active, complete, missing_fields, fact_at, fact_id)
       VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8)
       ON CONFLICT (organization_id, agent_id) DO UPDATE
         SET name = EXCLUDED.name, active = EXCLUDED.active, complete = EXCLUDED.complete, missing_fields = EXCLUDED.missing_fields,
             fact_at = EXCLUDED.fact_at, fact_id = EXCLUDED.fact_id, updated_at = now()
       WHERE NOT dialer_agents.deleted AND (EXCLUDED.fact_at, EXCLUDED.fact_id) > (dialer_agents.fact_at, dialer_agents.fact_id)`,
      [fact.agentId, fact.name, fact.active, fact.complete, fact.missingFields, fact.at, fact.eventId],
    );
  }

  async find(orgId: OrgId, agentId: string): Promise<DialerAgent | null> {
    const [row] = await tenantQuery<{ agent_id: string; name: string; active: boolean; complete: boolean; missing_fields: string[]; deleted: boolean }>(
      this.dataSource,
      orgId,
      `SELECT agent_id, name, active, complete, missing_fields, deleted FROM dialer_agents WHERE organization_id = $1 AND agent_id = $2`,
      [agentId.toLowerCase()],
    );
    return row ? { agentId: row.agent_id, name: row.name, active: row.active, complete: row.complete, missingFields: row.missing_fields, deleted: row.deleted } : null;
  }
}
