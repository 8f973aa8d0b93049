import { Module } from '@nestjs/common';
import { loadConfig } from '@santral/config';
import { defineService } from '@santral/service-kit';
import { TicketingCallEventsController } from './call-events.messages.controller';
import { TicketingConfig } from './config';
import { CustomersModule } from './customers/customers.module';
import { migrations } from './migrations';
import { OperatorHelpersModule } from './operator-helpers/operator-helpers.module';
import { TicketStatsModule } from './stats/ticket-stats.module';
import { TicketsModule } from './tickets/tickets.module';

@Module({ imports: [CustomersModule, TicketsModule, TicketStatsModule, OperatorHelpersModule], controllers: [TicketingCallEventsController] })
export class TicketingModule {}

/** Customers (screen-pop), tickets from calls, ticket stats (DESIGN §4); keeps each organization's country. */
export const ticketingService = defineService({
  name: 'ticketing',
  loadConfig: (env) => loadConfig(TicketingConfig, env),
  module: () => TicketingModule,
  entities: [],
  migrations,
  events: true,
  settings: (s) => ({ defaultCountry: s.defaultCountry, timeZone: s.timeZone }),
});
