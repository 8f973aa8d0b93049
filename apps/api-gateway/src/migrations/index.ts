import { MigrationInterface } from 'typeorm';
import { MessagingTables1763800000000 } from '@santral/messaging';
import { CreateGatewayTables1795317857522 } from './1795317857522-CreateGatewayTables';

/** Applied in order by `node main.js migrate`; a merged migration is never edited. */
export const migrations: Array<new () => MigrationInterface> = [MessagingTables1763800000000, CreateGatewayTables1795317857522];
