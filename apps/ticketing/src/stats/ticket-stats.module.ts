import { Module } from '@nestjs/common';
import { GetTicketStatsUseCase } from './get-ticket-stats.use-case';
import { TicketStatsMessagesController } from './ticket-stats.messages.controller';
import { TicketStatsPort } from './ticket-stats.port';
import { TicketStatsRepository } from './ticket-stats.repository';

/** Ticket statistics (J11): read-only figures over tickets, their messages and ticket_changes. */
@Module({
  controllers: [TicketStatsMessagesController],
  providers: [{ provide: TicketStatsPort, useClass: TicketStatsRepository }, GetTicketStatsUseCase],
})
export class TicketStatsModule {}
