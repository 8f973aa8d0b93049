/**
 * Writes the gateway's OpenAPI document and the client's types from it (npm run client:generate):
 *   libs/api-client/openapi.json   the document /openapi.json serves
 *   libs/api-client/src/schema.ts  its types (openapi-typescript), used by createSantralClient
 * `--check` writes nothing and exits 1 when a checked-in file is stale; `--json` writes nothing and
 * prints both files' contents as one JSON object (the freshness test reads it: openapi-typescript
 * loads ES modules that Jest's CommonJS runtime cannot).
 * Run with `node -r @swc-node/register` (Nest's injection needs the decorator metadata tsx omits).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { CLIENT_FILES, REGENERATE } from './client-files';
import { renderClientFiles } from './render';

async function main(): Promise<void> {
  const files = await renderClientFiles();
  const names = Object.keys(CLIENT_FILES) as Array<keyof typeof CLIENT_FILES>;
  if (process.argv.includes('--json')) {
    process.stdout.write(JSON.stringify(files));
    return;
  }
  if (process.argv.includes('--check')) {
    const stale = names.filter((name) => readOrEmpty(CLIENT_FILES[name]) !== files[name]);
    for (const name of stale) process.stderr.write(`${relative(process.cwd(), CLIENT_FILES[name])} is stale; run \`${REGENERATE}\` and commit the result.\n`);
    if (stale.length) process.exit(1);
    process.stdout.write('the API client is up to date.\n');
    return;
  }
  for (const name of names) {
    writeFileSync(CLIENT_FILES[name], files[name]);
    process.stdout.write(`wrote ${relative(process.cwd(), CLIENT_FILES[name])}\n`);
  }
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`client:generate failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
