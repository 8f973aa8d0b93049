import { Registry } from 'prom-client';
import { DialerMetrics, type DialerGaugesRead } from './dialer-metrics';

describe('DialerMetrics', () => {
  it('exposes slot use per organization and open calls per state from one read per scrape, and only what the read says now', async () => {
    const registry = new Registry();
    let reads = 0;
    let now: DialerGaugesRead = { slotsInUse: [{ organizationId: 'org-a', n: 3 }, { organizationId: 'org-b', n: 1 }], openCalls: [{ state: 'ringing', n: 2 }, { state: 'in_progress', n: 2 }] };
    new DialerMetrics(registry, async () => {
      reads++;
      return now;
    });
    const text = await registry.metrics();
    expect(text).toContain('santral_dialer_slots_in_use{organization_id="org-a"} 3');
    expect(text).toContain('santral_dialer_slots_in_use{organization_id="org-b"} 1');
    expect(text).toContain('santral_dialer_calls_open{state="ringing"} 2');
    expect(reads).toBe(1);
    now = { slotsInUse: [{ organizationId: 'org-a', n: 1 }], openCalls: [] };
    const later = await registry.metrics();
    expect(later).toContain('santral_dialer_slots_in_use{organization_id="org-a"} 1');
    expect(later).not.toContain('org-b');
    expect(later).not.toContain('state="ringing"');
  });

  it('a failed read leaves the series out instead of reporting zero slots in use', async () => {
    const registry = new Registry();
    new DialerMetrics(registry, () => Promise.reject(new Error('database down')));
    const text = await registry.metrics();
    expect(text).not.toMatch(/santral_dialer_slots_in_use\{/);
  });
});
