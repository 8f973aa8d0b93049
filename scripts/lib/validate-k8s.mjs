// Validates Kubernetes objects against the JSON schemas of the Kubernetes API (the validators
// kubernetes-models ships, generated from the API's OpenAPI document). ESM only, so the jest
// specs run it as a child process: JSON array of objects on stdin, JSON array of results on stdout
// ({ kind, name, errors: string[] | null }, null when valid; an unknown apiVersion/kind is an error).
import { readFileSync } from 'node:fs';

const objects = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const o of objects) {
  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : [undefined, o.apiVersion];
  const modulePath = group ? `kubernetes-models/${group}/${version}/${o.kind}` : `kubernetes-models/${version}/${o.kind}`;
  let Model;
  try {
    Model = (await import(modulePath))[o.kind];
  } catch {
    results.push({ kind: o.kind, name: o.metadata?.name, errors: [`no schema for ${o.apiVersion} ${o.kind}`] });
    continue;
  }
  try {
    new Model(o).validate();
    results.push({ kind: o.kind, name: o.metadata?.name, errors: null });
  } catch (e) {
    results.push({ kind: o.kind, name: o.metadata?.name, errors: String(e.message).split(', ') });
  }
}
process.stdout.write(JSON.stringify(results));
