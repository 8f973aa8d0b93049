import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import registry from '../libs/contracts/src/services/services.json';
import { unknownFields } from './lib/k8s-unknown-fields';
import { applyJsonPatch, K8sObject, renderKustomization, strategicMerge } from './lib/kustomize-render';

// deploy/k8s rendered as `kubectl apply -k deploy/k8s/overlays/<env>` would send it: every object
// valid against the Kubernetes API's schemas (kubernetes-models) with no field the API does not
// know, and every service of services.json there with what its overlay promises.
const root = path.resolve(__dirname, '..');
const k8s = path.join(root, 'deploy/k8s');
const names = registry.map((s) => s.name);
const sorted = (xs: Iterable<string>): string[] => [...xs].sort();
const overlays = ['dev', 'prod'] as const;
const rendered = Object.fromEntries(overlays.map((o) => [o, renderKustomization(path.join(k8s, 'overlays', o))])) as Record<(typeof overlays)[number], K8sObject[]>;
const base = renderKustomization(path.join(k8s, 'base'));

function validateWithSchemas(objects: unknown[]): { kind: string; name: string; errors: string[] | null }[] {
  const res = spawnSync(process.execPath, [path.join(__dirname, 'lib/validate-k8s.mjs')], { input: JSON.stringify(objects), encoding: 'utf8', cwd: root });
  if (res.status !== 0) throw new Error(`validate-k8s.mjs failed: ${res.stderr}`);
  return JSON.parse(res.stdout);
}

const of = (objects: K8sObject[], kind: string, name: string): K8sObject => {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name === name);
  if (found.length !== 1) throw new Error(`${found.length} ${kind}/${name}`);
  return found[0];
};
const mainContainer = (d: K8sObject) => (d.spec.template.spec.containers as { name: string; image: string; resources: any }[]).find((c) => c.name === d.metadata.name)!;

describe('the Kubernetes schemas', () => {
  it('reject what is wrong (the validator is not a no-op)', () => {
    const deployment = of(base, 'Deployment', 'billing');
    const broken = structuredClone(deployment);
    broken.spec.replicas = 'two';
    delete broken.spec.selector;
    const [result] = validateWithSchemas([broken]);
    expect(result.errors).toEqual(expect.arrayContaining(['data/spec/replicas must be integer', 'data/spec must have required property selector']));
    expect(validateWithSchemas([{ apiVersion: 'policy/v1beta9', kind: 'PodDisruptionBudget', metadata: { name: 'x' } }])[0].errors).toEqual(['no schema for policy/v1beta9 PodDisruptionBudget']);
  });

  it('and the field check names a key the API does not know', () => {
    const typo = structuredClone(of(base, 'Deployment', 'billing'));
    typo.spec.template.spec.containers[0].readinesProbe = typo.spec.template.spec.containers[0].readinessProbe;
    typo.spec.template.metadata.labels.anything = 'labels are a free-form map';
    expect(unknownFields([typo])).toEqual(['Deployment/billing.spec.template.spec.containers[0].readinesProbe']);
  });

  describe.each(overlays)('overlays/%s', (overlay) => {
    it('renders only objects valid against the Kubernetes API schemas', () => {
      const results = validateWithSchemas(rendered[overlay]);
      expect(results.filter((r) => r.errors)).toEqual([]);
      expect(results).toHaveLength(names.length * 4);
    });

    it('renders no field the Kubernetes API does not know', () => {
      expect(unknownFields(rendered[overlay])).toEqual([]);
    });
  });
});

describe.each(overlays)('overlays/%s against services.json', (overlay) => {
  const objects = () => rendered[overlay];

  it('has a Deployment, Service, HPA and PodDisruptionBudget per service, and nothing else', () => {
    const kinds = ['Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget'];
    for (const kind of kinds) expect(sorted(objects().filter((o) => o.kind === kind).map((o) => o.metadata.name))).toEqual(sorted(names));
    expect(sorted(new Set(objects().map((o) => o.kind)))).toEqual(sorted(kinds));
  });

  it('is the base with only replicas, resources, the HPA bounds, the image tag, the namespace and (prod) the event streams\' copies changed', () => {
    const strip = (o: K8sObject): unknown => {
      const c = structuredClone(o) as any;
      delete c.metadata.namespace;
      if (c.kind === 'Deployment') {
        delete c.spec.replicas;
        for (const x of [...c.spec.template.spec.containers, ...c.spec.template.spec.initContainers]) x.image = x.image.replace(/:.*$/, '');
        for (const x of c.spec.template.spec.containers) {
          delete x.resources;
          x.env = x.env.filter((e: { name: string }) => e.name !== 'EVENTS_STREAM_REPLICAS');
        }
      }
      if (c.kind === 'HorizontalPodAutoscaler') {
        delete c.spec.minReplicas;
        delete c.spec.maxReplicas;
      }
      return c;
    };
    expect(objects().map(strip)).toEqual(base.map(strip));
  });

  it.each(registry)('runs $name on the overlay’s image, ports and schema as the registry says', (s) => {
    const d = of(objects(), 'Deployment', s.name);
    const env = (mainContainer(d) as any).env as { name: string; value?: string }[];
    expect(env.find((e) => e.name === 'HTTP_PORT')?.value).toBe(String(s.port));
    expect(env.find((e) => e.name === 'DB_SCHEMA')?.value).toBe(s.schema);
    expect((mainContainer(d) as any).command).toEqual(['node', ...s.nodeFlags, `dist/apps/${s.name}/src/main.js`]);
    expect(of(objects(), 'Service', s.name).spec.ports).toEqual([{ port: s.port, targetPort: 'http', name: 'http' }]);
    const images = [...d.spec.template.spec.initContainers, ...d.spec.template.spec.containers].map((c: { image: string }) => c.image);
    expect(new Set(images)).toEqual(new Set([`santral:${overlay === 'dev' ? 'dev' : '0.1.0'}`]));
    expect(d.spec.replicas).toBeLessThanOrEqual(of(objects(), 'HorizontalPodAutoscaler', s.name).spec.maxReplicas);
    expect(d.spec.replicas).toBeGreaterThanOrEqual(of(objects(), 'HorizontalPodAutoscaler', s.name).spec.minReplicas);
  });

  it('puts everything in its own namespace', () => {
    expect(new Set(objects().map((o) => o.metadata.namespace))).toEqual(new Set([overlay === 'dev' ? 'santral-dev' : 'santral']));
  });
});

describe('what the overlays change', () => {
  it('prod: the event streams keep three copies (the NATS chart runs three JetStream servers); dev keeps the default of one', () => {
    for (const n of names) {
      const env = (overlay: 'dev' | 'prod') => (mainContainer(of(rendered[overlay], 'Deployment', n)) as any).env as Array<{ name: string; value?: string }>;
      expect(env('prod').filter((e) => e.name === 'EVENTS_STREAM_REPLICAS')).toEqual([{ name: 'EVENTS_STREAM_REPLICAS', value: '3' }]);
      expect(env('dev').some((e) => e.name === 'EVENTS_STREAM_REPLICAS')).toBe(false);
    }
  });

  it('dev: one pod per service, the HPA up to two, small CPU requests', () => {
    for (const n of names) {
      expect(of(rendered.dev, 'Deployment', n).spec.replicas).toBe(1);
      expect(of(rendered.dev, 'HorizontalPodAutoscaler', n).spec).toMatchObject({ minReplicas: 1, maxReplicas: 2 });
      expect(mainContainer(of(rendered.dev, 'Deployment', n)).resources).toEqual({ requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } });
    }
  });

  it('prod: three pods per service, the HPA up to 20, a pinned image tag, the telephony-gateway with more memory', () => {
    for (const n of names) {
      expect(of(rendered.prod, 'Deployment', n).spec.replicas).toBe(3);
      expect(of(rendered.prod, 'HorizontalPodAutoscaler', n).spec).toMatchObject({ minReplicas: 3, maxReplicas: 20 });
      expect(mainContainer(of(rendered.prod, 'Deployment', n)).image).not.toMatch(/:latest$|:dev$/);
    }
    expect(mainContainer(of(rendered.prod, 'Deployment', 'billing')).resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '1Gi' } });
    expect(mainContainer(of(rendered.prod, 'Deployment', 'telephony-gateway')).resources).toEqual({ requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '1536Mi' } });
  });

  it('has a kustomization.yaml at each level', () => {
    for (const dir of ['base', 'overlays/dev', 'overlays/prod']) expect(fs.existsSync(path.join(k8s, dir, 'kustomization.yaml'))).toBe(true);
  });
});

describe('scripts/lib/kustomize-render.ts', () => {
  it('merges named lists by name and replaces the rest, as a strategic merge patch does', () => {
    const b = { spec: { containers: [{ name: 'a', image: 'x', args: ['1', '2'] }, { name: 'b', image: 'y' }], replicas: 1 } };
    const p = { spec: { containers: [{ name: 'b', image: 'z' }, { name: 'c', image: 'w' }], replicas: null } };
    expect(strategicMerge(b, p)).toEqual({ spec: { containers: [{ name: 'a', image: 'x', args: ['1', '2'] }, { name: 'b', image: 'z' }, { name: 'c', image: 'w' }] } });
    expect(strategicMerge({ args: ['1', '2'] }, { args: ['3'] })).toEqual({ args: ['3'] });
  });

  it('applies JSON 6902 add, replace and remove, and refuses to replace what is not there', () => {
    const doc = { a: { b: 1, list: [1, 2] } };
    expect(applyJsonPatch(doc, [{ op: 'replace', path: '/a/b', value: 2 }, { op: 'add', path: '/a/list/-', value: 3 }, { op: 'remove', path: '/a/list/0' }])).toEqual({ a: { b: 2, list: [2, 3] } });
    expect(doc).toEqual({ a: { b: 1, list: [1, 2] } });
    expect(() => applyJsonPatch(doc, [{ op: 'replace', path: '/a/c', value: 1 }])).toThrow(/does not exist/);
  });

  it('refuses a kustomization feature it does not render', () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'kustomize-'));
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\ncommonLabels: { a: b }\n');
    expect(() => renderKustomization(dir)).toThrow(/commonLabels is not rendered/);
  });

  // CI runs where kubectl may be missing (no system package is added for it); where it is
  // installed, the renderer must agree with the real kustomize object for object.
  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
  (kubectl ? it.each(overlays) : it.skip.each(overlays))('renders overlays/%s as `kubectl kustomize` does', (overlay) => {
    const res = spawnSync('kubectl', ['kustomize', path.join(k8s, 'overlays', overlay)], { encoding: 'utf8' });
    expect(res.stderr).toBe('');
    const key = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;
    const real = res.stdout.split(/^---$/m).map((d) => parse(d) as K8sObject);
    const byKey = (xs: K8sObject[]) => Object.fromEntries(xs.map((o) => [key(o), o]));
    expect(byKey(rendered[overlay])).toEqual(byKey(real));
  });
});

describe('deploy/k8s/nats/values.yaml for the nats-io `nats` chart', () => {
  const values = parse(fs.readFileSync(path.join(k8s, 'nats/values.yaml'), 'utf8'));
  const chart = parse(fs.readFileSync(path.join(k8s, 'nats/chart-2.14.2-values.yaml'), 'utf8'));
  // Values the chart documents as free-form maps or lists (merge/patch documents, env, spread constraints).
  const FREE = new Set(['merge', 'patch', 'env', 'resources', 'topologySpreadConstraints', 'labels']);

  const unknownKeys = (v: unknown, c: unknown, at: string): string[] => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return [];
    return Object.entries(v).flatMap(([k, sub]) => {
      const here = at ? `${at}.${k}` : k;
      if (!c || typeof c !== 'object' || !(k in c)) return [here];
      return FREE.has(k) ? [] : unknownKeys(sub, (c as Record<string, unknown>)[k], here);
    });
  };

  it('uses only keys the chart’s values.yaml has', () => {
    expect(unknownKeys(values, chart, '')).toEqual([]);
    expect(unknownKeys({ config: { cluster: { replica: 3 } } }, chart, '')).toEqual(['config.cluster.replica']);
  });

  it('runs a 3-node cluster with JetStream on a file store on a PVC', () => {
    expect(values.config.cluster).toMatchObject({ enabled: true, replicas: 3 });
    expect(values.config.jetstream).toMatchObject({ enabled: true, fileStore: { enabled: true, pvc: { enabled: true, size: expect.stringMatching(/^\d+Gi$/) } } });
  });

  it('speaks TLS to clients and between nodes with the santral-nats-tls Secret', () => {
    const tls = { enabled: true, secretName: 'santral-nats-tls', cert: 'server.pem', key: 'server-key.pem' };
    expect(values.config.nats.tls).toEqual(tls);
    expect(values.config.cluster.tls).toEqual(tls);
    expect(values.tlsCA).toEqual({ enabled: true, secretName: 'santral-nats-tls', key: 'ca.pem' });
  });

  it('loads the generated authorization.conf and gives it every NATS_PASSWORD_<USER> from the santral-nats Secret', () => {
    expect(values.config.merge).toEqual({ $include: './authorization/authorization.conf' });
    const users = [...names, 'ops'];
    const variable = (u: string) => `NATS_PASSWORD_${u.toUpperCase().replace(/-/g, '_')}`;
    expect(values.container.env).toEqual(Object.fromEntries(users.map((u) => [variable(u), { valueFrom: { secretKeyRef: { name: 'santral-nats', key: u } } }])));
    const authorization = fs.readFileSync(path.join(root, 'deploy/nats/authorization.conf'), 'utf8');
    for (const u of users) expect(authorization).toContain(`password: $${variable(u)}`);
    expect(values.container.patch).toEqual([{ op: 'add', path: '/volumeMounts/-', value: { name: 'authorization', mountPath: '/etc/nats-config/authorization', readOnly: true } }]);
    expect(values.podTemplate.patch).toEqual([{ op: 'add', path: '/spec/volumes/-', value: { name: 'authorization', configMap: { name: 'santral-nats-authorization' } } }]);
  });

  it('is reached where the services dial it: the release `nats` is the Service nats on 4222', () => {
    for (const n of names) {
      const env = (mainContainer(of(base, 'Deployment', n)) as any).env as { name: string; value?: string }[];
      expect(env.find((e) => e.name === 'NATS_URL')?.value).toBe(`tls://nats:${values.config.nats.port}`);
    }
    expect(chart.service.ports.nats.enabled).toBe(true);
  });
});
