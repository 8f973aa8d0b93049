import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/**
 * `kustomize build` for the part of kustomize deploy/k8s uses, and nothing more: `resources`
 * (files and directories with a kustomization.yaml), `namespace`, `images` (newName / newTag of
 * containers and initContainers), `replicas`, and `patches` (inline JSON 6902 with a target of
 * kind / name, or a strategic-merge file naming its object). Anything else in a kustomization is
 * an error, so an overlay cannot use a feature this does not render. scripts/deploy-k8s.spec.ts
 * compares its output with `kubectl kustomize` where kubectl is installed.
 */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  [key: string]: unknown;
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
  replicas?: { name: string; count: number }[];
  patches?: { path?: string; patch?: string; target?: { kind?: string; name?: string } }[];
}

const SUPPORTED = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'images', 'replicas', 'patches']);

export function renderKustomization(dir: string): K8sObject[] {
  const file = path.join(dir, 'kustomization.yaml');
  const k = parse(fs.readFileSync(file, 'utf8')) as Kustomization;
  const unsupported = Object.keys(k).filter((key) => !SUPPORTED.has(key));
  if (unsupported.length) throw new Error(`${file}: ${unsupported.join(', ')} is not rendered by scripts/lib/kustomize-render.ts`);
  if (k.kind !== 'Kustomization' || k.apiVersion !== 'kustomize.config.k8s.io/v1beta1') throw new Error(`${file}: not a kustomize.config.k8s.io/v1beta1 Kustomization`);

  let objects: K8sObject[] = (k.resources ?? []).flatMap((res) => {
    const target = path.join(dir, res);
    if (fs.statSync(target).isDirectory()) return renderKustomization(target);
    return parseAllDocuments(fs.readFileSync(target, 'utf8')).map((d) => d.toJS() as K8sObject);
  });

  for (const p of k.patches ?? []) {
    if (p.patch !== undefined && p.path === undefined) {
      const ops = parse(p.patch) as JsonPatchOp[];
      const targets = objects.filter((o) => (!p.target?.kind || o.kind === p.target.kind) && (!p.target?.name || o.metadata.name === p.target.name));
      if (!targets.length) throw new Error(`${file}: a patch matches no object (${JSON.stringify(p.target)})`);
      objects = objects.map((o) => (targets.includes(o) ? applyJsonPatch(o, ops) : o));
    } else if (p.path !== undefined && p.patch === undefined && p.target === undefined) {
      const patch = parse(fs.readFileSync(path.join(dir, p.path), 'utf8')) as K8sObject;
      const i = objects.findIndex((o) => o.kind === patch.kind && o.metadata.name === patch.metadata.name);
      if (i < 0) throw new Error(`${file}: ${p.path} patches ${patch.kind}/${patch.metadata.name}, which is not there`);
      objects[i] = strategicMerge(objects[i], patch) as K8sObject;
    } else {
      throw new Error(`${file}: a patch is either inline JSON 6902 with a target or a strategic-merge file`);
    }
  }

  for (const r of k.replicas ?? []) {
    const found = objects.filter((o) => o.kind === 'Deployment' && o.metadata.name === r.name);
    if (found.length !== 1) throw new Error(`${file}: replicas for ${r.name}, which is no Deployment here`);
    found[0].spec.replicas = r.count;
  }

  for (const img of k.images ?? []) {
    for (const o of objects) {
      for (const c of podContainers(o)) {
        if (imageName(c.image) !== img.name) continue;
        const tag = img.newTag ?? imageTag(c.image);
        c.image = tag ? `${img.newName ?? img.name}:${tag}` : (img.newName ?? img.name);
      }
    }
  }

  if (k.namespace) for (const o of objects) o.metadata.namespace = k.namespace;
  return objects;
}

function podContainers(o: K8sObject): { image: string }[] {
  const pod = o.spec?.template?.spec;
  return pod ? [...(pod.initContainers ?? []), ...(pod.containers ?? [])] : [];
}
const imageName = (image: string): string => image.replace(/:[^:/]+$/, '');
const imageTag = (image: string): string | undefined => /:([^:/]+)$/.exec(image)?.[1];

type JsonPatchOp = { op: 'add' | 'replace' | 'remove'; path: string; value?: unknown };

/** RFC 6902 add / replace / remove (the operations the overlays use), on a copy. */
export function applyJsonPatch<T>(doc: T, ops: JsonPatchOp[]): T {
  const out = structuredClone(doc) as any;
  for (const op of ops) {
    const keys = op.path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = keys.pop();
    if (last === undefined) throw new Error(`json patch: empty path`);
    let parent = out;
    for (const key of keys) {
      parent = Array.isArray(parent) ? parent[Number(key)] : parent?.[key];
      if (parent === undefined) throw new Error(`json patch: ${op.path} does not exist`);
    }
    if (op.op === 'add' && Array.isArray(parent)) {
      parent.splice(last === '-' ? parent.length : Number(last), 0, structuredClone(op.value));
    } else if (op.op === 'remove') {
      if (!(last in parent)) throw new Error(`json patch: ${op.path} does not exist`);
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else {
      if (op.op === 'replace' && !(last in parent)) throw new Error(`json patch: replace of ${op.path}, which does not exist`);
      parent[last] = structuredClone(op.value);
    }
  }
  return out;
}

/** Lists of these merge by their `name` (the Kubernetes patchMergeKey); other lists are replaced. */
const MERGE_BY_NAME = new Set(['containers', 'initContainers', 'env', 'volumes', 'volumeMounts', 'ports']);

/** A strategic merge patch: maps merge, named lists merge element by name, `null` deletes. */
export function strategicMerge(base: unknown, patch: unknown, key?: string): unknown {
  if (Array.isArray(patch)) {
    if (!key || !MERGE_BY_NAME.has(key) || !Array.isArray(base)) return structuredClone(patch);
    const out = structuredClone(base) as { name: string }[];
    for (const item of patch as { name: string }[]) {
      const i = out.findIndex((x) => x.name === item.name);
      if (i < 0) out.push(structuredClone(item));
      else out[i] = strategicMerge(out[i], item) as { name: string };
    }
    return out;
  }
  if (patch && typeof patch === 'object') {
    const out: Record<string, unknown> = base && typeof base === 'object' && !Array.isArray(base) ? structuredClone(base as Record<string, unknown>) : {};
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete out[k];
      else out[k] = strategicMerge(out[k], v, k);
    }
    return out;
  }
  return patch;
}
