import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { encodeCursor, tenantQuery, type OrgId, type Page, type PageRequest, type Tx } from '@santral/persistence';
import type { AgentFirstMessageMode } from '@santral/contracts';
import type { Agent, AgentVoice } from './agent';
import { AgentsPort } from './agents.port';

interface AgentRow {
  id: string;
  organization_id: string;
  name: string;
  active: boolean;
  first_message_mode: AgentFirstMessageMode;
  greeting_message: string | null;
  system_instruction: string | null;
  response_timeout_seconds: number;
  voice: AgentVoice | null;
  language: string | null;
  forwarding_targets: string[];
  variables: string[];
  created_at: Date;
  updated_at: Date;
  cursor_at?: string;
}

const COLUMNS = `id, organization_id, name, active, first_message_mode, greeting_message, system_instruction, response_timeout_seconds, voice, language, forwarding_targets, variables, created_at, updated_at`;

function toAgent(r: AgentRow): Agent {
  return {
    id: r.id,
    organizationId: r.organization_id,
    name: r.name,
    active: r.active,
    firstMessageMode: r.first_message_mode,
    greetingMessage: r.greeting_message,
    systemInstruction: r.system_instruction,
    responseTimeoutSeconds: r.response_timeout_seconds,
    voice: r.voice,
    language: r.language,
    forwardingTargets: r.forwarding_targets,
    variables: r.variables,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function params(a: Agent): unknown[] {
  return [a.id, a.name, a.active, a.firstMessageMode, a.greetingMessage, a.systemInstruction, a.responseTimeoutSeconds, a.voice === null ? null : JSON.stringify(a.voice), a.language, a.forwardingTargets, a.variables, a.createdAt, a.updatedAt];
}

@Injectable()
export class AgentRepository extends AgentsPort {
  constructor(private readonly db: DataSource) {
    super();
  }

  async insert(agent: Agent, tx: Tx): Promise<void> {
    await tenantQuery(
      tx,
      agent.organizationId as OrgId,
      `INSERT INTO agents (organization_id, ${COLUMNS.replace('organization_id, ', '')}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13, $14)`,
      params(agent),
    );
  }

  async update(agent: Agent, tx: Tx): Promise<void> {
    await tenantQuery(
      tx,
      agent.organizationId as OrgId,
      `UPDATE agents SET name = $3, active = $4, first_message_mode = $5, greeting_message = $6, system_instruction = $7, response_timeout_seconds = $8,
         voice = $9::jsonb, language = $10, forwarding_targets = $11, variables = $12, updated_at = $14
       WHERE organization_id = $1 AND id = $2 AND created_at = $13`,
      params(agent),
    );
  }

  async findForUpdate(orgId: OrgId, id: string, tx: Tx): Promise<Agent | null> {
    const rows = await tenantQuery<AgentRow>(tx, orgId, `SELECT ${COLUMNS} FROM agents WHERE organization_id = $1 AND id = $2 FOR UPDATE`, [id]);
    return rows[0] ? toAgent(rows[0]) : null;
  }

  async find(orgId: OrgId, id: string): Promise<Agent | null> {
    const rows = await tenantQuery<AgentRow>(this.db, orgId, `SELECT ${COLUMNS} FROM agents WHERE organization_id = $1 AND id = $2`, [id]);
    return rows[0] ? toAgent(rows[0]) : null;
  }

  async page(orgId: OrgId, page: PageRequest): Promise<Page<Agent>> {
    const after = page.after ? `AND (created_at, id) < ($3::timestamptz, $4::uuid)` : '';
    const rows = await tenantQuery<AgentRow>(
      this.db,
      orgId,
      `SELECT ${COLUMNS}, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
       FROM agents WHERE organization_id = $1 ${after} ORDER BY created_at DESC, id DESC LIMIT $2`,
      page.after ? [page.limit + 1, page.after.createdAt, page.after.id] : [page.limit + 1],
    );
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    return { items: items.map(toAgent), nextCursor: rows.length > page.limit && last ? encodeCursor({ createdAt: last.cursor_at!, id: last.id }) : null };
  }

  async delete(orgId: OrgId, id: string, tx: Tx): Promise<boolean> {
    const rows = await tenantQuery(tx, orgId, `DELETE FROM agents WHERE organization_id = $1 AND id = $2 RETURNING id`, [id]);
    return rows.length > 0;
  }
}
