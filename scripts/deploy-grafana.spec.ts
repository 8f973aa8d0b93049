import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { parse } from 'yaml';
import { MessagingMetrics } from '../libs/messaging/src';
import { MetricsService } from '../libs/observability/src';
import { DialerMetrics } from '../apps/dialer-orchestrator/src/observability/dialer-metrics';

// deploy/grafana/santral.json: every panel's PromQL parses, and every metric it names is one a
// service really registers. The names come from prom-client's registry as a service builds it,
// not from grep: MetricsService (the default process/Node metrics, http_request_duration_seconds)
// and, on the same registry as MessagingModule puts them (libs/messaging/test/metrics.int-spec.ts),
// the event bus's MessagingMetrics. A metric defined elsewhere joins by constructing its owner here.
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

/**
 * The series prom-client exposes for what the registry holds (a histogram is _bucket, _sum,
 * _count), each with the labels it can carry: its own, the registry's default `service`, and
 * `le` / `quantile` where prom-client adds them.
 */
async function registeredSeries(): Promise<Map<string, Set<string>>> {
  const service = new MetricsService('test');
  new MessagingMetrics(service.registry);
  new DialerMetrics(service.registry, async () => ({ slotsInUse: [], openCalls: [] }));
  const metrics = await service.registry.getMetricsAsJSON();
  const out = new Map<string, Set<string>>();
  for (const m of metrics) {
    const own = (service.registry.getSingleMetric(m.name) as unknown as { labelNames?: string[] }).labelNames ?? [];
    const labels = (...extra: string[]) => new Set([...own, 'service', ...extra]);
    const type = String(m.type);
    if (type === 'histogram') {
      out.set(`${m.name}_bucket`, labels('le'));
      for (const s of ['_sum', '_count']) out.set(`${m.name}${s}`, labels());
    } else if (type === 'summary') {
      out.set(m.name, labels('quantile'));
      for (const s of ['_sum', '_count']) out.set(`${m.name}${s}`, labels());
    } else {
      out.set(m.name, labels());
    }
  }
  return out;
}

/** Grafana's variables ($__rate_interval, $service) as Prometheus would see them after substitution. */
const substitute = (expr: string): string => expr.replace(/\$__rate_interval/g, '5m').replace(/\$(\w+)/g, '.*');

interface Selector {
  metric: string;
  /** The label names its matchers use. */
  labels: string[];
}

/** The selectors of a PromQL expression: each VectorSelector's metric and matcher labels; parse errors thrown. */
function selectors(expr: string): Selector[] {
  const text = substitute(expr);
  const found: Selector[] = [];
  const errors: number[] = [];
  parser.parse(text).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(node.from);
      if (node.name === 'VectorSelector') {
        const id = node.node.getChild('Identifier');
        if (!id) throw new Error(`a selector without a metric name (use the name, not {__name__=…}) in ${expr}`);
        found.push({ metric: text.slice(id.from, id.to), labels: [] });
      }
      // A matcher's label (LabelMatchers > UnquotedLabelMatcher > LabelName) belongs to the selector just entered.
      if (node.name === 'LabelName' && node.node.parent?.parent?.name === 'LabelMatchers') found[found.length - 1].labels.push(text.slice(node.from, node.to));
    },
  });
  if (errors.length) throw new Error(`PromQL does not parse at ${errors.join(', ')}: ${expr}`);
  return found;
}
const metricNames = (expr: string): string[] => selectors(expr).map((s) => s.metric);

describe('deploy/grafana/santral.json', () => {
  let series: Map<string, Set<string>>;
  beforeAll(async () => {
    series = await registeredSeries();
  });

  it('reads the registry (so the check below can fail)', () => {
    expect(series.has('http_request_duration_seconds_bucket')).toBe(true);
    expect(series.has('process_resident_memory_bytes')).toBe(true);
    expect(series.has('santral_event_consumer_lag_seconds_bucket')).toBe(true);
    expect(series.has('santral_no_such_metric')).toBe(false);
    expect(() => metricNames('rate(foo[5m]')).toThrow(/does not parse/);
    expect(metricNames('sum by (service) (rate(a_total{x="1"}[5m])) / on() group_left b')).toEqual(['a_total', 'b']);
    expect(selectors('rate(a_total{x="1", route=~"/w.*"}[5m]) + b{y!=""}')).toEqual([{ metric: 'a_total', labels: ['x', 'route'] }, { metric: 'b', labels: ['y'] }]);
    expect(series.get('http_request_duration_seconds_bucket')).toEqual(new Set(['method', 'route', 'status', 'service', 'le']));
    expect(series.get('santral_events_consumed_total')).toEqual(new Set(['consumer', 'subject', 'outcome', 'service']));
  });

  it.each(exprs)('$panel: every metric its query names is registered, with the labels it matches on', ({ expr }) => {
    const found = selectors(expr);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((s) => !series.has(s.metric)).map((s) => s.metric)).toEqual([]);
    expect(found.flatMap((s) => s.labels.filter((l) => !series.get(s.metric)!.has(l)).map((l) => `${s.metric}{${l}}`))).toEqual([]);
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
