import { serviceConfig } from '@santral/service-kit';

/** Ticketing's variables; DB_SCHEMA and HTTP_PORT come from services.json. */
export class TicketingConfig extends serviceConfig('ticketing') {}
