import type { OrgId, Tx } from '@santral/persistence';
import type { OperatorPresence } from './operator-presence';

export type PresenceChange = Omit<OperatorPresence, 'updatedAt' | 'endpoint'> & { endpoint?: string };

/** Port: operators' presence, one row per user of the organization. */
export abstract class PresenceStore {
  /** Inserts or replaces the user's presence (an absent endpoint keeps the stored one); returns it as stored. */
  abstract put(orgId: OrgId, presence: PresenceChange): Promise<OperatorPresence>;
  abstract find(orgId: OrgId, userId: string, tx?: Tx): Promise<OperatorPresence | null>;
  /**
   * Marks the operator busy with `callId` if they are available, on no call and have an endpoint
   * (one statement, so two calls cannot both take them); the presence held, or null.
   */
  abstract holdForCall(orgId: OrgId, userId: string, callId: string, tx: Tx): Promise<OperatorPresence | null>;
  /** Makes the operator available again if `callId` still holds them; whether it did. */
  abstract releaseFromCall(orgId: OrgId, userId: string, callId: string, tx: Tx): Promise<boolean>;
}
