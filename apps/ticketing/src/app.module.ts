import { loadConfig } from '@santral/config';
import { defineService } from '@santral/service-kit';
import { TicketingConfig } from './config';

/** Customers (screen-pop), tickets from calls, ticket stats (DESIGN §4). */
export const ticketingService = defineService({
  name: 'ticketing',
  loadConfig: (env) => loadConfig(TicketingConfig, env),
});
