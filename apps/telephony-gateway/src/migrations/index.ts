import { MigrationInterface } from 'typeorm';

/** Applied in order by `node main.js migrate`; a merged migration is never edited. */
export const migrations: Array<new () => MigrationInterface> = [];
