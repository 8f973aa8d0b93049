import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import registry from '../libs/contracts/src/services/services.json';

// docker-compose.yml, deploy/k8s and deploy/Dockerfile are YAML/Docker and cannot read
// services.json, so this holds them to it: every service, its port, DB_SCHEMA, node flags and
// health probes, and no service the registry does not list.
const root = path.resolve(__dirname, '..');
const read = (rel: string): string => fs.readFileSync(path.join(root, rel), 'utf8');

interface Entry {
  name: string;
  schema: string;
  port: number;
  nodeFlags: string[];
}
const services: Entry[] = registry;
const names = services.map((s) => s.name);
const entry = (s: Entry): string => `dist/apps/${s.name}/src/main.js`;
const runCommand = (s: Entry): string[] => ['node', ...s.nodeFlags, entry(s)];
const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

type EnvVar = { name: string; value?: string };
type Probe = { httpGet?: { path?: string; port?: number | string } };
interface Container {
  name: string;
  command?: string[];
  env?: EnvVar[];
  ports?: { containerPort: number; name?: string }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
}
interface K8sDoc {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec: Record<string, any>;
}

const envOf = (c: Container | undefined, name: string): string | undefined => c?.env?.find((e) => e.name === name)?.value;

/** What a probe asks: its path and the container port it reaches (a named port resolved). */
function probeTarget(c: Container, probe: Probe | undefined): { path?: string; port?: number } {
  const port = probe?.httpGet?.port;
  const resolved = typeof port === 'string' ? c.ports?.find((p) => p.name === port)?.containerPort : port;
  return { path: probe?.httpGet?.path, port: resolved };
}

describe('services.json as docker-compose.yml has it', () => {
  const infra = ['postgres', 'nats', 'migrate'];
  const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, any> };

  it('runs every service of the registry and nothing else beside Postgres, NATS and the migrations', () => {
    const app = Object.keys(compose.services).filter((n) => !infra.includes(n));
    expect(sorted(app)).toEqual(sorted(names));
  });

  it('migrates every service, in the registry order', () => {
    const script = (compose.services.migrate.command as string[]).join(' ');
    const loop = /for s in ([^;]+);/.exec(script);
    expect(loop?.[1].trim().split(/\s+/)).toEqual(names);
  });

  describe.each(services)('$name', (s) => {
    const svc = () => compose.services[s.name];

    it('runs its entry with its node flags', () => {
      expect(svc().command).toEqual(runCommand(s));
      expect(svc().environment.NODE_OPTIONS).toBeUndefined();
    });

    it('listens on its port in its schema', () => {
      expect(String(svc().environment.HTTP_PORT)).toBe(String(s.port));
      expect(svc().environment.DB_SCHEMA).toBe(s.schema);
      for (const mapping of svc().ports ?? []) expect(String(mapping).split(':').pop()).toBe(String(s.port));
    });

    // Compose has one healthcheck and no liveness restart: readiness is the one it can have.
    it('is healthy when /health/ready on its port answers', () => {
      const test = svc().healthcheck?.test as string[];
      expect(test[0]).toBe('CMD');
      expect(test.join(' ')).toContain(`http://127.0.0.1:${s.port}/health/ready`);
    });
  });
});

describe('services.json as deploy/k8s has it', () => {
  const dir = 'deploy/k8s';
  const files = fs.readdirSync(path.join(root, dir)).filter((f) => /\.ya?ml$/.test(f));
  const docsOf = (file: string): K8sDoc[] => parseAllDocuments(read(path.join(dir, file))).map((d) => d.toJS() as K8sDoc);
  const all = files.flatMap(docsOf);
  const named = (kind: string): string[] => all.filter((d) => d.kind === kind).map((d) => d.metadata.name);

  it('has one manifest per service of the registry, and no other', () => {
    expect(sorted(files)).toEqual(sorted(names.map((n) => `${n}.yaml`)));
    for (const kind of ['Deployment', 'Service', 'HorizontalPodAutoscaler']) expect(sorted(named(kind))).toEqual(sorted(names));
    expect(sorted(new Set(all.map((d) => d.kind)))).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'Service']);
  });

  describe.each(services)('$name', (s) => {
    const docs = docsOf(`${s.name}.yaml`);
    const doc = (kind: string): K8sDoc => {
      const found = docs.filter((d) => d.kind === kind);
      expect(found).toHaveLength(1);
      return found[0];
    };
    const deployment = () => doc('Deployment');
    const container = (): Container => {
      const found = (deployment().spec.template.spec.containers as Container[]).filter((c) => c.name === s.name);
      expect(found).toHaveLength(1);
      return found[0];
    };

    it('selects its own pods', () => {
      expect(deployment().metadata.name).toBe(s.name);
      expect(deployment().spec.selector.matchLabels.service).toBe(s.name);
      expect(deployment().spec.template.metadata.labels.service).toBe(s.name);
      expect(doc('Service').spec.selector.service).toBe(s.name);
      expect(doc('HorizontalPodAutoscaler').spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: s.name });
    });

    it('runs its entry with its node flags', () => {
      expect(container().command).toEqual(runCommand(s));
      expect(envOf(container(), 'NODE_OPTIONS')).toBeUndefined();
    });

    it('migrates its own schema before it starts', () => {
      const init = (deployment().spec.template.spec.initContainers as Container[]) ?? [];
      const migrate = init.find((c) => c.name === 'migrate');
      expect(migrate?.command).toEqual(['node', entry(s), 'migrate']);
      expect(envOf(migrate, 'DB_SCHEMA')).toBe(s.schema);
    });

    it('listens on its port in its schema, and is scraped and reached there', () => {
      expect(envOf(container(), 'HTTP_PORT')).toBe(String(s.port));
      expect(envOf(container(), 'DB_SCHEMA')).toBe(s.schema);
      expect(container().ports).toEqual([{ containerPort: s.port, name: 'http' }]);
      expect(deployment().spec.template.metadata.annotations['prometheus.io/port']).toBe(String(s.port));
      expect(doc('Service').spec.ports).toEqual([{ port: s.port, targetPort: 'http', name: 'http' }]);
    });

    it('is probed on /health/live and /health/ready at its port', () => {
      expect(probeTarget(container(), container().livenessProbe)).toEqual({ path: '/health/live', port: s.port });
      expect(probeTarget(container(), container().readinessProbe)).toEqual({ path: '/health/ready', port: s.port });
    });
  });
});

describe('the runtime deploy/Dockerfile builds on', () => {
  const dockerfile = read('deploy/Dockerfile');
  const major = (range: string): string | undefined => /(\d+)/.exec(range)?.[1];

  it('is the Node major of package.json engines and of the Node .ci/run tests on', () => {
    const image = /^ARG NODE_IMAGE=node:(\S+)$/m.exec(dockerfile)?.[1];
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    const ci = Object.values((JSON.parse(read('.ci/node/package.json')) as { optionalDependencies: Record<string, string> }).optionalDependencies);
    expect(image && major(image)).toBe('24');
    expect(major(engines)).toBe('24');
    expect(new Set(ci.map(major))).toEqual(new Set(['24']));
    expect(dockerfile).not.toMatch(/^FROM node:/m);
  });

  it('starts a service of the registry with its node flags by default', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    const argv = JSON.parse(cmd ?? '[]') as string[];
    const s = services.find((x) => argv.at(-1) === entry(x));
    expect(s?.name).toBeDefined();
    expect(argv).toEqual(runCommand(s as Entry));
  });
});
