import { Module } from '@nestjs/common';
import { ServiceRpc } from '../common/service-rpc';
import { PlaceTicketCallUseCase } from './place-ticket-call.use-case';
import { TicketsHttpController } from './tickets.http.controller';

/** /v1/tickets and the call drafts: the HTTP face of the ticketing service; a call from a ticket goes to the dialer. */
@Module({ controllers: [TicketsHttpController], providers: [ServiceRpc, PlaceTicketCallUseCase] })
export class TicketsModule {}
