import { MigrationInterface } from 'typeorm';
import { AgentsAndCallLists1764800000000 } from './1764800000000-AgentsAndCallLists';

/** The campaign service's own migrations (the kit adds its outbox/inbox and settings tables); a merged migration is never edited. */
export const migrations: Array<new () => MigrationInterface> = [AgentsAndCallLists1764800000000];
