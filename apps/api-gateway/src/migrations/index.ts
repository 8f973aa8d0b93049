import { MigrationInterface } from 'typeorm';
import { CreateGatewayTables1795317857522 } from './1795317857522-CreateGatewayTables';

/** The gateway's own migrations (the kit adds its outbox/inbox tables); a merged migration is never edited. */
export const migrations: Array<new () => MigrationInterface> = [CreateGatewayTables1795317857522];
