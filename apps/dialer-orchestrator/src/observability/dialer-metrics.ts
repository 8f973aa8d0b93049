import { Gauge, type Registry } from 'prom-client';

/** What the dialer's gauges show, read from its tables at scrape time. */
export interface DialerGaugesRead {
  /** Slots held now (a live lease, or an expired one whose call has not ended), per organization. */
  slotsInUse: Array<{ organizationId: string; n: number }>;
  /** Calls not ended, per state. */
  openCalls: Array<{ state: string; n: number }>;
}

/**
 * The dialer's gauges for the dashboard: slot use per organization and calls by state, read once
 * per scrape (prom-client collects a scrape's gauges concurrently: they share one read). A read that
 * fails (database down) leaves the series out of that scrape instead of reporting zero.
 */
export class DialerMetrics {
  constructor(registry: Registry, readGauges: () => Promise<DialerGaugesRead>) {
    let inflight: Promise<DialerGaugesRead | undefined> | undefined;
    const read = (): Promise<DialerGaugesRead | undefined> => {
      inflight ??= readGauges()
        .catch(() => undefined)
        .finally(() => {
          inflight = undefined;
        });
      return inflight;
    };
    new Gauge({
      name: 'santral_dialer_slots_in_use',
      help: "Slots held by a call now, per organization (the organization's concurrency in use; read from slot_leases at scrape time)",
      labelNames: ['organization_id'],
      registers: [registry],
      async collect() {
        const now = await read();
        this.reset();
        for (const s of now?.slotsInUse ?? []) this.set({ organization_id: s.organizationId }, s.n);
      },
    });
    new Gauge({
      name: 'santral_dialer_calls_open',
      help: 'Calls not ended, by state (read from calls at scrape time)',
      labelNames: ['state'],
      registers: [registry],
      async collect() {
        const now = await read();
        this.reset();
        for (const c of now?.openCalls ?? []) this.set({ state: c.state }, c.n);
      },
    });
  }
}
