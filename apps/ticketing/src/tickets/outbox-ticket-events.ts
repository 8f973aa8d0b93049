import { Injectable } from '@nestjs/common';
import type { TicketStatus } from '@santral/call-state';
import { Subjects, type TicketSnapshotV1 } from '@santral/contracts';
import { EventPublisher } from '@santral/messaging';
import type { Tx } from '@santral/persistence';
import type { Ticket } from './ticket';
import { TicketEventsPort } from './tickets.port';

export function ticketSnapshot(t: Ticket, callIds: string[]): TicketSnapshotV1 {
  return {
    organizationId: t.organizationId, ticketId: t.id, kind: t.kind, status: t.status, handset: t.handset, subject: t.subject.slice(0, 500),
    ...(t.customerId ? { customerId: t.customerId } : {}), ...(t.assigneeUserId ? { assigneeUserId: t.assigneeUserId } : {}), callIds,
  };
}

/** Writes ticketing.ticket.* into the outbox in the caller's transaction (DESIGN §2). */
@Injectable()
export class OutboxTicketEvents extends TicketEventsPort {
  constructor(private readonly publisher: EventPublisher) {
    super();
  }

  async created(t: Ticket, callIds: string[], tx: Tx): Promise<void> {
    await this.publisher.publish(Subjects.Ticketing.TicketCreated, ticketSnapshot(t, callIds), { orgid: t.organizationId, subject: t.id, time: t.updatedAt.toISOString(), manager: tx });
  }

  async updated(t: Ticket, callIds: string[], changed: string[], previousStatus: TicketStatus | undefined, tx: Tx): Promise<void> {
    await this.publisher.publish(
      Subjects.Ticketing.TicketUpdated,
      { ...ticketSnapshot(t, callIds), changed, ...(previousStatus && previousStatus !== t.status ? { previousStatus } : {}) },
      { orgid: t.organizationId, subject: t.id, time: t.updatedAt.toISOString(), manager: tx },
    );
  }
}
