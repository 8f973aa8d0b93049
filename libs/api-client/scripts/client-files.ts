import { resolve } from 'node:path';

/** The checked-in files `npm run client:generate` writes. */
export const CLIENT_FILES = {
  document: resolve(__dirname, '..', 'openapi.json'),
  schema: resolve(__dirname, '..', 'src', 'schema.ts'),
} as const;

export const REGENERATE = 'npm run client:generate';
