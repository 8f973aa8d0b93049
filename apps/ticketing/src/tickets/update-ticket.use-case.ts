import { Injectable } from '@nestjs/common';
import type { TicketEvent, TicketStatus } from '@santral/call-state';
import { DomainError, type TicketReply, type TicketSettableStatus, type TicketUpdateRequest } from '@santral/contracts';
import { asOrgId, TransactionRunner } from '@santral/persistence';
import { Clock } from '@santral/service-kit';
import { TicketBook } from './ticket-book';
import { toTicketReply } from './ticket.view';
import { TicketsPort } from './tickets.port';

/** The machine event a person's status change is: close, reopen, or a reply (→ pending). */
function statusEvent(from: TicketStatus, to: TicketSettableStatus): TicketEvent | 'same' | null {
  if (from === to) return 'same';
  if (to === 'closed') return { type: 'close' };
  if (to === 'open') return from === 'closed' ? { type: 'reopen' } : null;
  return { type: 'reply' };
}

/** Subject, summary, and a status change the ticket machine allows (else 409 TICKET_INVALID_STATE, nothing stored). */
@Injectable()
export class UpdateTicketUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly tickets: TicketsPort,
    private readonly book: TicketBook,
    private readonly clock: Clock,
  ) {}

  async execute(input: TicketUpdateRequest): Promise<TicketReply> {
    const orgId = asOrgId(input.organizationId);
    if (input.subject !== undefined && !input.subject.trim()) throw DomainError.validation([{ field: 'subject', message: 'subject may not be blank' }], 'The ticket is not valid');
    return this.tx.run(async (tx) => {
      const before = await this.tickets.findForUpdate(orgId, input.ticketId, tx);
      if (!before) throw new DomainError('TICKET_NOT_FOUND', `No ticket ${input.ticketId}`);
      const now = this.clock.now();
      const edited = { ...before, ...(input.subject !== undefined ? { subject: input.subject.trim() } : {}), ...(input.summary !== undefined ? { summary: input.summary.trim() || null } : {}) };
      const event = input.status ? statusEvent(before.status, input.status) : 'same';
      const refused = () => new DomainError('TICKET_INVALID_STATE', `A ${before.status} ticket cannot be set ${input.status}`, { from: before.status, to: input.status });
      if (event === null) throw refused();
      // One change, one event: the edited fields ride along with the status change.
      const edits = (['subject', 'summary'] as const).filter((f) => edited[f] !== before[f]);
      const ticket = event === 'same' ? await this.book.edit(before, edited, now, tx) : await this.book.apply(edited, event, undefined, now, tx, edits);
      if (!ticket) throw refused();
      return toTicketReply(ticket, await this.tickets.callIds(orgId, ticket.id, tx));
    });
  }
}
