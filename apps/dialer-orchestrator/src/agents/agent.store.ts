import type { OrgId, Tx } from '@santral/persistence';
import type { DialerAgent } from './agent';

/** One fact about an agent, as the campaign context published it. */
export type AgentFact =
  | { kind: 'snapshot'; agentId: string; name: string; active: boolean; complete: boolean; missingFields: string[]; at: string; eventId: string }
  | { kind: 'deleted'; agentId: string; at: string; eventId: string };

/** Port: the dialer's projection of the organization's AI agents. */
export abstract class AgentStore {
  /** Applies the fact unless a newer one (by time, then event id) was applied; a delete wins over everything. */
  abstract apply(orgId: OrgId, fact: AgentFact, tx: Tx): Promise<void>;
  abstract find(orgId: OrgId, agentId: string): Promise<DialerAgent | null>;
}
