import { MigrationInterface } from 'typeorm';
import { MessagingTables1763800000000 } from '@santral/messaging';
import { TelephonyTables1763810000000 } from './1763810000000-TelephonyTables';
import { DropUnusedCallOrgIndex1763990000000 } from './1763990000000-DropUnusedCallOrgIndex';

/** Applied in order by `node main.js migrate`; a merged migration is never edited. */
export const migrations: Array<new () => MigrationInterface> = [MessagingTables1763800000000, TelephonyTables1763810000000, DropUnusedCallOrgIndex1763990000000];
