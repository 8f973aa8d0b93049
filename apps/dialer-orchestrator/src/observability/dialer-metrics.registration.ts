import { Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { MetricsService } from '@santral/observability';
import { DataSource } from 'typeorm';
import { DialerMetrics } from './dialer-metrics';

/**
 * Puts the dialer's gauges on the service's /metrics registry. Platform reads across
 * organizations (like the dispatcher's scan), one statement each per scrape.
 */
@Injectable()
export class DialerMetricsRegistration implements OnModuleInit {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    let metrics: MetricsService;
    try {
      metrics = this.moduleRef.get(MetricsService, { strict: false });
    } catch {
      return; // a process without /metrics (a bench server)
    }
    new DialerMetrics(metrics.registry, async () => {
      const [slots, calls] = await Promise.all([
        this.db.query(
          `SELECT l.organization_id, count(*)::int AS n FROM slot_leases l
            WHERE l.expires_at > now() OR EXISTS (SELECT 1 FROM calls c WHERE c.call_id = l.call_id AND c.organization_id = l.organization_id AND c.ended_at IS NULL)
            GROUP BY l.organization_id`,
        ) as Promise<Array<{ organization_id: string; n: number }>>,
        this.db.query(`SELECT state, count(*)::int AS n FROM calls WHERE ended_at IS NULL GROUP BY state`) as Promise<Array<{ state: string; n: number }>>,
      ]);
      return { slotsInUse: slots.map((s) => ({ organizationId: s.organization_id, n: s.n })), openCalls: calls };
    });
  }
}
