import { DomainError } from '@santral/contracts';
import type { OrgId, Tx } from '@santral/persistence';
import { isOnCall, type CallTrack } from './call-track';
import type { CallTracksPort, TicketsPort } from './tickets.port';

/**
 * The checks before an operator acts on a call (create, attach, draft): ticketing knows the call in
 * this organization, the operator is on it, and their conversation has no ticket yet. Returns the
 * locked track.
 */
export async function callTheOperatorIsOn(
  tracks: CallTracksPort, tickets: TicketsPort, orgId: OrgId, callId: string, operatorUserId: string, tx: Tx,
): Promise<CallTrack> {
  const track = await tracks.findForUpdate(orgId, callId, tx);
  if (!track || !track.seen) throw new DomainError('TICKET_CALL_NOT_FOUND', `No call ${callId} in this organization is known to ticketing`);
  if (!isOnCall(track, operatorUserId)) throw new DomainError('TICKET_OPERATOR_NOT_ON_CALL', `User ${operatorUserId} did not take call ${callId}`);
  const ticketId = (await tickets.ticketsOfCall(orgId, callId, tx)).get(operatorUserId);
  if (ticketId || track.done.includes(`conv:${operatorUserId}`)) {
    throw new DomainError('TICKET_CALL_ALREADY_TICKETED', `The call already has its ticket${ticketId ? ` ${ticketId}` : ''}`, ticketId ? { ticketId } : {});
  }
  return track;
}
