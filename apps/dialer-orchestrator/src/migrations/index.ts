import { MigrationInterface } from 'typeorm';
import { DialingRules1764600000000 } from './1764600000000-DialingRules';

/** This service's own migrations (the kit adds its outbox/inbox, settings and command tables); a merged migration is never edited. */
export const migrations: Array<new () => MigrationInterface> = [DialingRules1764600000000];
