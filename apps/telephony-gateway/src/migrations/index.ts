import { MigrationInterface } from 'typeorm';
import { TelephonyTables1763810000000 } from './1763810000000-TelephonyTables';
import { DropUnusedCallOrgIndex1763990000000 } from './1763990000000-DropUnusedCallOrgIndex';
import { CallCancellations1764400000000 } from './1764400000000-CallCancellations';

/** This service's own migrations (the kit adds its outbox/inbox tables); a merged migration is never edited. */
export const migrations: Array<new () => MigrationInterface> = [TelephonyTables1763810000000, DropUnusedCallOrgIndex1763990000000, CallCancellations1764400000000];
