import { Module } from '@nestjs/common';
import { ServiceRpc } from '../common/service-rpc';
import { PlaceTicketCallUseCase } from './place-ticket-call.use-case';
import { TicketStatsHttpController } from './ticket-stats.http.controller';
import { TicketsHttpController } from './tickets.http.controller';

/** /v1/tickets, their statistics and the call drafts: the HTTP face of the ticketing service; a call from a ticket goes to the dialer. */
// TicketStatsHttpController first: GET tickets/stats must never reach tickets/:id.
@Module({ controllers: [TicketStatsHttpController, TicketsHttpController], providers: [ServiceRpc, PlaceTicketCallUseCase] })
export class TicketsModule {}
