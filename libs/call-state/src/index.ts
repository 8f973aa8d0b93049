/**
 * @santral/call-state: the call, campaign and ticket state machines as pure transition
 * tables (DESIGN §1, §2, §7). Imports nothing: no framework, no other lib.
 */
import { CALL_MACHINE } from './call.table';
import { type CallState, isTerminalCallState } from './call.states';
import { CAMPAIGN_MACHINE } from './campaign.table';
import { isTerminalCampaignState } from './campaign.machine';
import type { CampaignState } from './campaign.types';
import { TICKET_MACHINE } from './ticket.table';
import type { TicketStatus } from './ticket.types';

export * from './machine.engine';
export * from './machine.describe';
export * from './end-reason.taxonomy';
export * from './provider-cause.mapper';
export * from './call.states';
export * from './call.types';
export { CALL_TABLE, CALL_MACHINE } from './call.table';
export { transitionCall, callEventForSipCause, HANGUP_PARTY_REASONS } from './call.machine';
export * from './campaign.types';
export { CAMPAIGN_TABLE, CAMPAIGN_MACHINE } from './campaign.table';
export { transitionCampaign, isTerminalCampaignState } from './campaign.machine';
export * from './ticket.types';
export { TICKET_TABLE, TICKET_HANDSET_TABLE, TICKET_MACHINE } from './ticket.table';
export { transitionTicket, nextHandset, ticketSubject, TICKET_SUBJECT_TEMPLATES } from './ticket.machine';

/** All machines by name, e.g. to generate docs: `Object.values(MACHINES).map(machineToMarkdown)`. */
export const MACHINES = { call: CALL_MACHINE, campaign: CAMPAIGN_MACHINE, ticket: TICKET_MACHINE } as const;
export type MachineName = keyof typeof MACHINES;

/**
 * True for a terminal call or campaign state. State names never mean terminal in one
 * machine and live in another (a spec proves it), so one function serves all three;
 * ticket statuses are never terminal (a closed ticket can be reopened).
 */
export function isTerminal(state: CallState | CampaignState | TicketStatus): boolean {
  return isTerminalCallState(state) || isTerminalCampaignState(state);
}
