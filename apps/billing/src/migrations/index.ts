import { MigrationInterface } from 'typeorm';
import { BillingLedger1764800000000 } from './1764800000000-BillingLedger';

/** Billing's own migrations (the kit adds outbox/inbox, settings and command results); a merged migration is never edited. */
export const migrations: Array<new () => MigrationInterface> = [BillingLedger1764800000000];
