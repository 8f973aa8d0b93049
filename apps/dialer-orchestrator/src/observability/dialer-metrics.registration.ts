import { Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { MetricsService } from '@santral/observability';
import { CallRepository } from '../calls/call.repository';
import { SlotLeases } from '../slots/slot-leases';
import { DialerMetrics } from './dialer-metrics';

/**
 * Puts the dialer's gauges on the service's /metrics registry: the repositories' platform reads
 * across organizations (like the dispatcher's scan), one statement each per scrape.
 */
@Injectable()
export class DialerMetricsRegistration implements OnModuleInit {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly slots: SlotLeases,
    private readonly calls: CallRepository,
  ) {}

  onModuleInit(): void {
    let metrics: MetricsService;
    try {
      metrics = this.moduleRef.get(MetricsService, { strict: false });
    } catch {
      return; // a process without /metrics (a bench server)
    }
    new DialerMetrics(metrics.registry, async () => {
      const [slotsInUse, openCalls] = await Promise.all([this.slots.inUseAcrossOrganizations(), this.calls.openByStateAcrossOrganizations()]);
      return { slotsInUse, openCalls };
    });
  }
}
