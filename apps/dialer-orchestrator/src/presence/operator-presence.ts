import type { DialingErrorCode, PresenceStatus } from '@santral/contracts';

export interface OperatorPresence {
  userId: string;
  status: PresenceStatus;
  currentCallId: string | null;
  /** What a click-to-call rings first (E6): E.164 or a SIP URI; null until one is set. */
  endpoint: string | null;
  updatedAt: Date;
}

/**
 * E4's last check: the operator must be known to the dialer, available, and on no other call
 * (AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL). `forCallId`: the call being placed, which the operator
 * may already be on (a click-to-call leg marked busy with it). Null when the operator is free.
 */
export function operatorRefusal(presence: OperatorPresence | null, forCallId?: string): DialingErrorCode | null {
  if (!presence || presence.status === 'offline') return 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL';
  if (presence.currentCallId !== null) return presence.currentCallId === forCallId ? null : 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL';
  return presence.status === 'available' ? null : 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL';
}
