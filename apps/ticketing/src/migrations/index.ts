import { MigrationInterface } from 'typeorm';
import { Customers1765100000000 } from './1765100000000-Customers';
import { Tickets1765200000000 } from './1765200000000-Tickets';
import { TicketStats1765300000000 } from './1765300000000-TicketStats';
import { NoteTemplates1765400000000 } from './1765400000000-NoteTemplates';

/** The ticketing service's own migrations (the kit adds its outbox/inbox and settings tables); a merged migration is never edited. */
export const migrations: Array<new () => MigrationInterface> = [Customers1765100000000, Tickets1765200000000, TicketStats1765300000000, NoteTemplates1765400000000];
