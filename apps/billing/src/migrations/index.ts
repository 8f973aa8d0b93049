import { MigrationInterface } from 'typeorm';
import { MessagingTables1763800000000 } from '@santral/messaging';
import { OrganizationSettings1763900000000 } from '@santral/service-kit';

/** Applied in order by `node main.js migrate`; a merged migration is never edited. */
export const migrations: Array<new () => MigrationInterface> = [MessagingTables1763800000000, OrganizationSettings1763900000000];
