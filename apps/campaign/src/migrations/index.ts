import { MigrationInterface } from 'typeorm';
import { AgentsAndCallLists1764800000000 } from './1764800000000-AgentsAndCallLists';
import { Campaigns1764900000000 } from './1764900000000-Campaigns';
import { ImportHeartbeat1764910000000 } from './1764910000000-ImportHeartbeat';
import { ContactsBulkLoad1765000000000 } from './1765000000000-ContactsBulkLoad';

/** The campaign service's own migrations (the kit adds its outbox/inbox and settings tables); a merged migration is never edited. */
export const migrations: Array<new () => MigrationInterface> = [AgentsAndCallLists1764800000000, Campaigns1764900000000, ImportHeartbeat1764910000000, ContactsBulkLoad1765000000000];
