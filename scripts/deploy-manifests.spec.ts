import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import registry from '../libs/contracts/src/services/services.json';

// docker-compose.yml, deploy/k8s/base and deploy/Dockerfile are YAML/Docker and cannot read
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

type EnvVar = { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string } } };
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

/** Variables whose value is a secret: none may have a literal or a default in a manifest. */
const SECRET_NAME = /(KEY|PASSWORD|SECRET|TOKEN)$/;
/** `${NAME:?message}`: compose refuses to start while NAME is unset, and says what to set. */
const REQUIRED = (name: string) => new RegExp(`^\\$\\{${name}:\\?[^}]+\\}$`);
/** `NATS_PASSWORD_DIALER_ORCHESTRATOR` (scripts/nats-config.ts). */
const natsPasswordVar = (name: string): string => `NATS_PASSWORD_${name.toUpperCase().replace(/-/g, '_')}`;

/** What a probe asks: its path and the container port it reaches (a named port resolved). */
function probeTarget(c: Container, probe: Probe | undefined): { path?: string; port?: number } {
  const port = probe?.httpGet?.port;
  const resolved = typeof port === 'string' ? c.ports?.find((p) => p.name === port)?.containerPort : port;
  return { path: probe?.httpGet?.path, port: resolved };
}

describe('services.json as docker-compose.yml has it', () => {
  const infra = ['postgres', 'nats', 'migrate', 'prometheus', 'grafana'];
  const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, any> };

  it('runs every service of the registry and nothing else beside Postgres, NATS, the migrations and (profile observability) Prometheus and Grafana', () => {
    const app = Object.keys(compose.services).filter((n) => !infra.includes(n));
    expect(sorted(app)).toEqual(sorted(names));
  });

  it('migrates every service, in the registry order', () => {
    const script = (compose.services.migrate.command as string[]).join(' ');
    const loop = /for s in ([^;]+);/.exec(script);
    expect(loop?.[1].trim().split(/\s+/)).toEqual(names);
  });

  it('has no default secret: every secret is required from the environment (.env from scripts/deploy-secrets.js)', () => {
    const text = read('docker-compose.yml');
    expect(text).not.toMatch(/\$\{[A-Z0-9_]+:?-/);
    expect(text).not.toMatch(/change-me/i);
    for (const [name, svc] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries((svc.environment ?? {}) as Record<string, unknown>)) {
        if (SECRET_NAME.test(key)) expect({ service: name, key, value }).toEqual({ service: name, key, value: expect.stringMatching(/^\$\{[A-Z0-9_]+:\?[^}]+\}$/) });
        if (key === 'DATABASE_URL') expect(String(value)).toMatch(/^postgres:\/\/postgres:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/santral$/);
        if (key === 'SANTRAL_DEV_MODE') expect(value).not.toBe('true');
      }
    }
    expect(compose.services.postgres.environment.POSTGRES_PASSWORD).toMatch(REQUIRED('POSTGRES_PASSWORD'));
    expect(compose.services.migrate.environment).toEqual({ DATABASE_URL: compose.services['api-gateway'].environment.DATABASE_URL });
  });

  it('runs NATS with TLS and the generated users, each password required', () => {
    const nats = compose.services.nats;
    expect(nats.command).toEqual(['-c', '/etc/nats/nats.conf']);
    expect(nats.volumes).toEqual(expect.arrayContaining(['./deploy/nats/compose.conf:/etc/nats/nats.conf:ro', './deploy/nats/authorization.conf:/etc/nats/authorization.conf:ro']));
    const conf = read('deploy/nats/compose.conf');
    expect(conf).toMatch(/^include \.\/authorization\.conf$/m);
    expect(conf).toMatch(/^tls \{[^}]*cert_file: \/etc\/nats\/tls\/server\.pem[^}]*key_file: \/etc\/nats\/tls\/server-key\.pem/m);
    for (const user of [...names, 'ops']) expect(nats.environment[natsPasswordVar(user)]).toMatch(REQUIRED(natsPasswordVar(user)));
    expect(Object.keys(nats.environment)).toHaveLength(names.length + 1);
  });

  describe.each(services)('$name', (s) => {
    const svc = () => compose.services[s.name];

    it('reaches NATS over TLS as its own user', () => {
      expect(svc().environment).toMatchObject({ NATS_URL: 'tls://nats:4222', NATS_TLS_CA: '/run/santral/nats-ca.pem', NATS_USER: s.name });
      expect(svc().environment.NATS_PASSWORD).toMatch(REQUIRED(natsPasswordVar(s.name)));
      expect(svc().volumes).toContain('./.santral/deploy/nats-tls/ca.pem:/run/santral/nats-ca.pem:ro');
    });

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

describe('services.json as deploy/k8s/base has it', () => {
  const dir = 'deploy/k8s/base';
  const files = fs.readdirSync(path.join(root, dir)).filter((f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml');
  const docsOf = (file: string): K8sDoc[] => parseAllDocuments(read(path.join(dir, file))).map((d) => d.toJS() as K8sDoc);
  const all = files.flatMap(docsOf);
  const named = (kind: string): string[] => all.filter((d) => d.kind === kind).map((d) => d.metadata.name);

  it('has one manifest per service of the registry, and no other', () => {
    expect(sorted(files)).toEqual(sorted(names.map((n) => `${n}.yaml`)));
    for (const kind of ['Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget']) expect(sorted(named(kind))).toEqual(sorted(names));
    expect(sorted(new Set(all.map((d) => d.kind)))).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Service']);
  });

  it('lists every service file in its kustomization, in the registry order', () => {
    const k = parse(read(`${dir}/kustomization.yaml`)) as { resources: string[] };
    expect(k.resources).toEqual(names.map((n) => `${n}.yaml`));
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
      expect(doc('PodDisruptionBudget').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { service: s.name } } });
    });

    it('asks for CPU and memory and is held to a memory limit', () => {
      const r = (container() as Container & { resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }).resources;
      expect(r?.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(r?.limits?.memory).toEqual(expect.any(String));
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

    it('takes DATABASE_URL from the santral-env Secret, in the migration and in the service', () => {
      const init = ((deployment().spec.template.spec.initContainers as Container[]) ?? []).find((c) => c.name === 'migrate');
      for (const c of [container(), init]) expect(c?.env?.find((e) => e.name === 'DATABASE_URL')).toEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'santral-env', key: 'DATABASE_URL' } } });
    });

    it('takes every secret from a Secret, never a literal; reaches NATS over TLS as its own user', () => {
      const env = container().env ?? [];
      for (const e of env.filter((x) => SECRET_NAME.test(x.name))) {
        expect({ name: e.name, value: e.value, from: e.valueFrom?.secretKeyRef?.name }).toEqual({ name: e.name, value: undefined, from: expect.stringMatching(/^santral-/) });
      }
      expect(envOf(container(), 'SANTRAL_DEV_MODE')).toBeUndefined();
      expect(envOf(container(), 'NATS_URL')).toBe('tls://nats:4222');
      expect(envOf(container(), 'NATS_USER')).toBe(s.name);
      expect(env.find((e) => e.name === 'NATS_PASSWORD')?.valueFrom).toEqual({ secretKeyRef: { name: 'santral-nats', key: s.name } });
      const ca = envOf(container(), 'NATS_TLS_CA');
      const mount = (container() as Container & { volumeMounts?: { name: string; mountPath: string }[] }).volumeMounts?.find((m) => ca?.startsWith(`${m.mountPath}/`));
      const volume = (deployment().spec.template.spec.volumes as { name: string; secret?: { secretName: string } }[] | undefined)?.find((v) => v.name === mount?.name);
      expect(volume?.secret?.secretName).toBe('santral-nats-tls');
      // Every variable by name: no envFrom that would hand a container a whole Secret.
      for (const c of [container(), ...((deployment().spec.template.spec.initContainers as Container[]) ?? [])]) {
        expect((c as Container & { envFrom?: unknown[] }).envFrom).toBeUndefined();
      }
    });

    it('is probed on /health/live and /health/ready at its port', () => {
      expect(probeTarget(container(), container().livenessProbe)).toEqual({ path: '/health/live', port: s.port });
      expect(probeTarget(container(), container().readinessProbe)).toEqual({ path: '/health/ready', port: s.port });
    });
  });
});

describe('what only some services get in deploy/k8s/base', () => {
  const containerOf = (name: string): Container => {
    const dep = parseAllDocuments(read(`deploy/k8s/base/${name}.yaml`)).map((d) => d.toJS() as K8sDoc).find((d) => d.kind === 'Deployment')!;
    return (dep.spec.template.spec.containers as Container[]).find((c) => c.name === name)!;
  };
  const secretRefs = (c: Container) => Object.fromEntries((c.env ?? []).filter((e) => e.valueFrom).map((e) => [e.name, e.valueFrom?.secretKeyRef]));

  it('turns the simulated provider off in the telephony-gateway', () => {
    expect(envOf(containerOf('telephony-gateway'), 'SIMULATOR_ENABLED')).toBe('false');
  });

  it('builds the telephony-gateway’s webhook URLs on the PUBLIC_BASE_URL the operator sets, never on a default', () => {
    const env = containerOf('telephony-gateway').env ?? [];
    expect(env.find((e) => e.name === 'PUBLIC_BASE_URL')).toEqual({ name: 'PUBLIC_BASE_URL', valueFrom: { configMapKeyRef: { name: 'santral-telephony-gateway', key: 'PUBLIC_BASE_URL' } } });
  });

  it('gives the telephony-gateway alone its at-rest key and the private sealing key, the api-gateway alone the admin key', () => {
    expect(secretRefs(containerOf('telephony-gateway'))).toMatchObject({
      SECRETS_KEY: { name: 'santral-telephony-gateway', key: 'SECRETS_KEY' },
      TELEPHONY_SEALING_PRIVATE_KEY: { name: 'santral-telephony-gateway', key: 'TELEPHONY_SEALING_PRIVATE_KEY' },
    });
    expect(secretRefs(containerOf('api-gateway'))).toMatchObject({
      SANTRAL_ADMIN_KEY: { name: 'santral-api-gateway', key: 'SANTRAL_ADMIN_KEY' },
      TELEPHONY_SEALING_PUBLIC_KEY: { name: 'santral-api-gateway', key: 'TELEPHONY_SEALING_PUBLIC_KEY' },
    });
    for (const s of services.filter((x) => x.name !== 'telephony-gateway')) {
      expect(Object.keys(secretRefs(containerOf(s.name)))).not.toEqual(expect.arrayContaining(['TELEPHONY_SEALING_PRIVATE_KEY']));
      expect(Object.keys(secretRefs(containerOf(s.name)))).not.toContain('SECRETS_KEY');
    }
  });
});

describe('no default secret anywhere', () => {
  it.each(['docker-compose.yml', '.env.example', 'deploy/k8s/nats/values.yaml', 'deploy/nats/compose.conf', 'deploy/Dockerfile'])('%s holds no secret value', (file) => {
    const text = read(file);
    expect(text).not.toMatch(/change-me/i);
    for (const m of text.matchAll(/^([A-Z0-9_]*(KEY|PASSWORD|SECRET|TOKEN))=(.*)$/gm)) expect({ variable: m[1], value: m[3] }).toEqual({ variable: m[1], value: '' });
  });

  it('has no development key in the telephony-gateway’s config', () => {
    expect(read('apps/telephony-gateway/src/config.ts')).not.toMatch(/DEV_SECRETS_KEY|SECRETS_KEY: string = /);
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
