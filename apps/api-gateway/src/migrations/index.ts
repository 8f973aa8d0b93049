import { MigrationInterface } from 'typeorm';
import { CreateGatewayTables1795317857522 } from './1795317857522-CreateGatewayTables';
import { IdempotencyLeases1795400000000 } from './1795400000000-IdempotencyLeases';

/** The gateway's own migrations (the kit adds its outbox/inbox tables); a merged migration is never edited. */
export const migrations: Array<new () => MigrationInterface> = [CreateGatewayTables1795317857522, IdempotencyLeases1795400000000];
