import type { Handset, TicketStatus } from '@santral/call-state';
import type { TicketKind } from '@santral/contracts';
import type { OrgId } from '@santral/persistence';

/** A helpdesk ticket (J1–J10); its status and handset follow libs/call-state's ticket machine. */
export interface Ticket {
  organizationId: OrgId;
  id: string;
  kind: TicketKind;
  status: TicketStatus;
  handset: Handset;
  subject: string;
  summary: string | null;
  callerNumber: string | null;
  customerId: string | null;
  assigneeUserId: string | null;
  supersededBy: string | null;
  reopenCount: number;
  /** J8: a further missed call from the number joins this ticket while true. */
  groupsMissed: boolean;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

export type TicketCallRole = 'conversation' | 'missed' | 'attempt';

export interface TicketMessage {
  id: string;
  ticketId: string;
  kind: 'call' | 'attempt' | 'missed_call';
  callId: string | null;
  authorUserId: string | null;
  body: string | null;
  recordingUrl: string | null;
  recordingSeconds: number | null;
  createdAt: Date;
}
