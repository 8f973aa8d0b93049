import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { parse } from 'yaml';
import { MetricsService } from '../libs/observability/src';

// deploy/grafana/santral.json: every panel's PromQL parses, and every metric it names is one a
// service really registers. The names come from prom-client's registry as a service builds it
// (MetricsService: the default process/Node metrics and http_request_duration_seconds), not from
// grep. A metric defined elsewhere joins this list by constructing its owner here.
const root = path.resolve(__dirname, '..');
const dashboard = JSON.parse(fs.readFileSync(path.join(root, 'deploy/grafana/santral.json'), 'utf8'));

interface Target {
  refId: string;
  expr: string;
}
interface Panel {
  id: number;
  title: string;
  type: string;
  targets?: Target[];
  gridPos: { x: number; y: number; w: number; h: number };
}
const panels: Panel[] = dashboard.panels;
const exprs = panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));

/** The series names prom-client exposes for what the registry holds (a histogram is _bucket, _sum, _count). */
async function registeredSeries(): Promise<Set<string>> {
  const metrics = await new MetricsService('test').registry.getMetricsAsJSON();
  const suffixes: Record<string, string[]> = { histogram: ['_bucket', '_sum', '_count'], summary: ['', '_sum', '_count'] };
  return new Set(metrics.flatMap((m) => (suffixes[String(m.type)] ?? ['']).map((s) => `${m.name}${s}`)));
}

/** Grafana's variables ($__rate_interval, $service) as Prometheus would see them after substitution. */
const substitute = (expr: string): string => expr.replace(/\$__rate_interval/g, '5m').replace(/\$(\w+)/g, '.*');

/** Metric names of a PromQL expression: the Identifier of each VectorSelector; parse errors thrown. */
function metricNames(expr: string): string[] {
  const text = substitute(expr);
  const names: string[] = [];
  const errors: number[] = [];
  parser.parse(text).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(node.from);
      if (node.name === 'VectorSelector') {
        const id = node.node.getChild('Identifier');
        if (!id) throw new Error(`a selector without a metric name (use the name, not {__name__=…}) in ${expr}`);
        names.push(text.slice(id.from, id.to));
      }
    },
  });
  if (errors.length) throw new Error(`PromQL does not parse at ${errors.join(', ')}: ${expr}`);
  return names;
}

describe('deploy/grafana/santral.json', () => {
  let series: Set<string>;
  beforeAll(async () => {
    series = await registeredSeries();
  });

  it('reads the registry (so the check below can fail)', () => {
    expect(series.has('http_request_duration_seconds_bucket')).toBe(true);
    expect(series.has('process_resident_memory_bytes')).toBe(true);
    expect(series.has('santral_no_such_metric')).toBe(false);
    expect(() => metricNames('rate(foo[5m]')).toThrow(/does not parse/);
    expect(metricNames('sum by (service) (rate(a_total{x="1"}[5m])) / on() group_left b')).toEqual(['a_total', 'b']);
  });

  it.each(exprs)('$panel: every metric its query names is registered', ({ expr }) => {
    const names = metricNames(expr);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => !series.has(n))).toEqual([]);
  });

  it('has unique panel ids and refIds, and every panel a query on the dashboard’s data source', () => {
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    for (const p of panels) {
      expect(p.targets?.length).toBeGreaterThan(0);
      expect(new Set(p.targets!.map((t) => t.refId)).size).toBe(p.targets!.length);
      expect((p as Panel & { datasource: unknown }).datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
    }
    expect(dashboard.templating.list.map((v: { name: string }) => v.name)).toEqual(['datasource', 'service']);
  });

  it('lays the panels out without overlap on the 24-column grid', () => {
    const cells = new Set<string>();
    for (const { gridPos: g } of panels) {
      expect(g.x + g.w).toBeLessThanOrEqual(24);
      for (let x = g.x; x < g.x + g.w; x++) for (let y = g.y; y < g.y + g.h; y++) {
        expect(cells.has(`${x},${y}`)).toBe(false);
        cells.add(`${x},${y}`);
      }
    }
  });

  it('is loaded by the provisioning file from the folder it names', () => {
    const provisioning = parse(fs.readFileSync(path.join(root, 'deploy/grafana/provisioning/dashboards/santral.yaml'), 'utf8'));
    expect(provisioning.apiVersion).toBe(1);
    expect(provisioning.providers).toEqual([expect.objectContaining({ type: 'file', options: { path: '/var/lib/grafana/dashboards/santral' } })]);
    const datasources = parse(fs.readFileSync(path.join(root, 'deploy/grafana/provisioning/datasources/prometheus.yaml'), 'utf8'));
    expect(datasources.datasources).toEqual([expect.objectContaining({ type: 'prometheus', isDefault: true })]);
  });
});
