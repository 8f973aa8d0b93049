import { Module } from '@nestjs/common';
import { AttachCallUseCase } from './attach-call.use-case';
import { CallFactsMessagesController } from './call-facts.messages.controller';
import { CallSettlement } from './call-settlement';
import { CallTrackRepository } from './call-track.repository';
import { CreateTicketUseCase } from './create-ticket.use-case';
import { GetTicketUseCase } from './get-ticket.use-case';
import { ListTicketsUseCase } from './list-tickets.use-case';
import { OutboxTicketEvents } from './outbox-ticket-events';
import { RecordCallFactUseCase } from './record-call-fact.use-case';
import { SaveCallDraftUseCase } from './save-call-draft.use-case';
import { TicketBook } from './ticket-book';
import { CustomersModule } from '../customers/customers.module';
import { TicketRepository } from './ticket.repository';
import { TicketsMessagesController } from './tickets.messages.controller';
import { TicketHistoryRepository } from './ticket-history.repository';
import { CallTracksPort, TicketEventsPort, TicketHistoryPort, TicketsPort } from './tickets.port';
import { UpdateTicketUseCase } from './update-ticket.use-case';

/** Tickets from calls (J1–J10): the call facts' consumer, the operators' actions, the ticket list. */
@Module({
  // TicketCustomers: the customer a number is linked to.
  imports: [CustomersModule],
  controllers: [CallFactsMessagesController, TicketsMessagesController],
  providers: [
    { provide: TicketsPort, useClass: TicketRepository },
    { provide: CallTracksPort, useClass: CallTrackRepository },
    { provide: TicketEventsPort, useClass: OutboxTicketEvents },
    { provide: TicketHistoryPort, useClass: TicketHistoryRepository },
    TicketBook, CallSettlement, RecordCallFactUseCase, CreateTicketUseCase, AttachCallUseCase, GetTicketUseCase, ListTicketsUseCase,
    UpdateTicketUseCase, SaveCallDraftUseCase,
  ],
  exports: [TicketsPort, RecordCallFactUseCase],
})
export class TicketsModule {}
