import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { tenantQuery, type OrgId, type Tx } from '@santral/persistence';
import type { AgentFirstMessageMode } from '@santral/contracts';
import type { AgentVoice } from '../agents/agent';
import { missingFields, templateVariables } from '../agents/agent-rules';
import type { CampaignAgent, ReleasedContact } from './campaign';
import { CampaignSourcesPort } from './campaigns.port';

interface AgentRow {
  id: string;
  active: boolean;
  first_message_mode: AgentFirstMessageMode;
  greeting_message: string | null;
  system_instruction: string | null;
  voice: AgentVoice | null;
  language: string | null;
}

/** C2 completeness and the `{{variables}}` its texts use, by the agents feature's own rules. */
function asCampaignAgent(a: AgentRow): CampaignAgent {
  const fields = { firstMessageMode: a.first_message_mode, greetingMessage: a.greeting_message, systemInstruction: a.system_instruction, voice: a.voice, language: a.language };
  const used = new Set([...templateVariables(a.greeting_message).names, ...templateVariables(a.system_instruction).names]);
  return { id: a.id, active: a.active, missingFields: missingFields(fields), usedVariables: [...used] };
}

/** Reads the agents, call_lists and contacts tables of the agents / call-lists features. */
@Injectable()
export class CampaignSourcesRepository extends CampaignSourcesPort {
  constructor(private readonly db: DataSource) {
    super();
  }

  async agent(orgId: OrgId, agentId: string, tx?: Tx): Promise<CampaignAgent | null> {
    const [row] = await tenantQuery<AgentRow>(tx ?? this.db, orgId, `SELECT id, active, first_message_mode, greeting_message, system_instruction, voice, language FROM agents WHERE organization_id = $1 AND id = $2`, [agentId]);
    return row ? asCampaignAgent(row) : null;
  }

  async callListExists(orgId: OrgId, callListId: string, tx?: Tx): Promise<boolean> {
    return (await tenantQuery(tx ?? this.db, orgId, `SELECT 1 FROM call_lists WHERE organization_id = $1 AND id = $2`, [callListId])).length > 0;
  }

  async contactCount(orgId: OrgId, callListId: string, tx?: Tx): Promise<number> {
    const [row] = await tenantQuery<{ n: string }>(tx ?? this.db, orgId, `SELECT count(*) AS n FROM contacts WHERE organization_id = $1 AND call_list_id = $2`, [callListId]);
    return Number(row?.n ?? 0);
  }

  /** An import gives every contact of a list the same columns: the first thousand show them. */
  async listVariables(orgId: OrgId, callListId: string, tx?: Tx): Promise<string[]> {
    const rows = await tenantQuery<{ k: string }>(
      tx ?? this.db,
      orgId,
      `SELECT DISTINCT jsonb_object_keys(variables) AS k FROM (SELECT variables FROM contacts WHERE organization_id = $1 AND call_list_id = $2 ORDER BY id LIMIT 1000) s`,
      [callListId],
    );
    return rows.map((r) => r.k);
  }

  async contactsAfter(orgId: OrgId, callListId: string, after: string | null, limit: number, tx: Tx): Promise<ReleasedContact[]> {
    const rows = await tenantQuery<{ id: string; phone: string; name: string | null; time_zone: string | null; variables: Record<string, string> }>(
      tx,
      orgId,
      `SELECT id, phone, name, time_zone, variables FROM contacts
        WHERE organization_id = $1 AND call_list_id = $2 AND ($3::uuid IS NULL OR id > $3::uuid) ORDER BY id LIMIT $4`,
      [callListId, after, limit],
    );
    return rows.map((r) => ({ id: r.id, phone: r.phone, name: r.name, timeZone: r.time_zone, variables: r.variables ?? {} }));
  }

  async hasContactsAfter(orgId: OrgId, callListId: string, after: string | null, tx: Tx): Promise<boolean> {
    const rows = await tenantQuery(tx, orgId, `SELECT 1 FROM contacts WHERE organization_id = $1 AND call_list_id = $2 AND ($3::uuid IS NULL OR id > $3::uuid) LIMIT 1`, [callListId, after]);
    return rows.length > 0;
  }
}
