import path from 'node:path';
import ts from 'typescript';

/**
 * Fields the Kubernetes API does not know, as `kubectl apply --validate=strict` would reject them.
 * The JSON schemas of the API leave additionalProperties open, so validate-k8s.mjs accepts a
 * `readinesProbe`; this walks each object along the TypeScript interfaces kubernetes-models
 * ships for the same OpenAPI document (I<Kind> in kubernetes-models/<group>/<version>/<Kind>.d.ts)
 * and names every key the interface lacks. Maps (labels, annotations, resources) are free-form.
 */
const programs = new Map<string, ts.Program>();

export function unknownFields(objects: { apiVersion: string; kind: string; metadata?: { name?: string } }[]): string[] {
  const root = path.dirname(require.resolve('kubernetes-models/package.json', { paths: [process.cwd()] }));
  const files = [...new Set(objects.map((o) => declarationFile(root, o.apiVersion, o.kind)))].sort();
  const key = files.join('\n');
  // Type-checking the declarations takes a second or two: one program per set of kinds.
  let program = programs.get(key);
  if (!program) {
    program = ts.createProgram(files, { noEmit: true, skipLibCheck: true, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext });
    programs.set(key, program);
  }
  const checker = program.getTypeChecker();
  const found: string[] = [];

  const walk = (value: unknown, type: ts.Type, where: string): void => {
    if (value === null || typeof value !== 'object') return;
    const t = checker.getNonNullableType(type);
    if (Array.isArray(value)) {
      const element = checker.isArrayType(t) ? checker.getTypeArguments(t as ts.TypeReference)[0] : undefined;
      if (element) value.forEach((v, i) => walk(v, element, `${where}[${i}]`));
      return;
    }
    // A map (string index signature) or a union of shapes: nothing to hold the keys to.
    if (t.getStringIndexType() || t.isUnion()) return;
    for (const [key, v] of Object.entries(value)) {
      const prop = t.getProperty(key);
      if (!prop) {
        found.push(`${where}.${key}`);
        continue;
      }
      walk(v, checker.getTypeOfSymbol(prop), `${where}.${key}`);
    }
  };

  for (const o of objects) {
    const source = program.getSourceFile(declarationFile(root, o.apiVersion, o.kind));
    const symbol = source && checker.getSymbolAtLocation(source);
    const iface = symbol && checker.getExportsOfModule(symbol).find((s) => s.name === `I${o.kind}`);
    if (!iface) {
      found.push(`${o.kind}/${o.metadata?.name}: no interface I${o.kind} for ${o.apiVersion}`);
      continue;
    }
    walk(o, checker.getDeclaredTypeOfSymbol(iface), `${o.kind}/${o.metadata?.name}`);
  }
  return found;
}

function declarationFile(root: string, apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : [undefined, apiVersion];
  return group ? path.join(root, group, version, `${kind}.d.ts`) : path.join(root, version, `${kind}.d.ts`);
}
