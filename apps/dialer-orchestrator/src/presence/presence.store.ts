import type { OrgId } from '@santral/persistence';
import type { OperatorPresence } from './operator-presence';

/** Port: operators' presence, one row per user of the organization. */
export abstract class PresenceStore {
  /** Inserts or replaces the user's presence; returns it as stored. */
  abstract put(orgId: OrgId, presence: Omit<OperatorPresence, 'updatedAt'>): Promise<OperatorPresence>;
  abstract find(orgId: OrgId, userId: string): Promise<OperatorPresence | null>;
}
