/**
 * Writes the AsyncAPI 3 catalog of every subject to libs/contracts/asyncapi.json.
 *   npm run asyncapi            regenerate
 *   npm run asyncapi -- --check exit 1 when the checked-in file is stale (CI)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderAsyncApiDocument } from '../src';

const target = resolve(__dirname, '..', 'asyncapi.json');
const rendered = renderAsyncApiDocument();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== rendered) {
    console.error(`${target} is stale; run \`npm run asyncapi\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${target} is up to date.`);
} else {
  writeFileSync(target, rendered);
  console.log(`wrote ${target}`);
}
