import { IngestBatcher, type IngestBatcherOptions } from './ingest-batcher';
import type { IngestItem, IngestOutcome, WebhookBatchWriter } from './webhook-batch.writer';

const item = (n: number) => ({ event: `e${n}` }) as unknown as IngestItem;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A writer that records each batch and holds it for `ms`; items named `bad` fail their batch. */
function slowWriter(ms: number) {
  const batches: string[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const writer = {
    async write(items: IngestItem[]): Promise<IngestOutcome[]> {
      batches.push(items.map((i) => i.event));
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await sleep(ms);
      inFlight--;
      if (items.some((i) => i.event === 'bad')) throw new Error('constraint violated');
      return items.map(() => 'accepted');
    },
  };
  return { writer: writer as unknown as WebhookBatchWriter, batches, maxInFlight: () => maxInFlight };
}

const opts = (o: Partial<IngestBatcherOptions> = {}): IngestBatcherOptions => ({ maxBatch: 256, maxConcurrent: 2, minBatch: 32, lingerMs: 60, ...o });

describe('IngestBatcher', () => {
  it('writes a lone webhook at once when idle (the linger only acts under load)', async () => {
    const w = slowWriter(1);
    const b = new IngestBatcher(w.writer, opts({ lingerMs: 5000 }));
    const t0 = performance.now();
    await expect(b.submit(item(1))).resolves.toBe('accepted');
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(w.batches).toEqual([['e1']]);
  });

  it('gathers webhooks that arrive while a batch is in flight into one batch', async () => {
    const w = slowWriter(20);
    const b = new IngestBatcher(w.writer, opts({ lingerMs: 60 }));
    const all = [b.submit(item(0))];
    for (let i = 1; i <= 10; i++) {
      await sleep(2);
      all.push(b.submit(item(i)));
    }
    await Promise.all(all);
    // Without the linger the free second slot would have taken them a few at a time.
    expect(w.batches.map((x) => x.length)).toEqual([1, 10]);
  });

  it('starts another batch at once when enough webhooks wait', async () => {
    const w = slowWriter(200);
    const b = new IngestBatcher(w.writer, opts({ minBatch: 5, lingerMs: 10_000 }));
    const all = [b.submit(item(0))];
    await sleep(2);
    for (let i = 1; i <= 5; i++) all.push(b.submit(item(i)));
    await sleep(50);
    expect(w.batches.map((x) => x.length)).toEqual([1, 5]); // the second began while the first was in flight
    expect(w.maxInFlight()).toBe(2);
    await Promise.all(all);
  });

  it('never has more batches in flight than allowed', async () => {
    const w = slowWriter(10);
    const b = new IngestBatcher(w.writer, opts({ minBatch: 1, maxBatch: 3, maxConcurrent: 2, lingerMs: 0 }));
    await Promise.all(Array.from({ length: 30 }, (_, i) => b.submit(item(i))));
    expect(w.maxInFlight()).toBe(2);
    expect(w.batches.flat()).toHaveLength(30);
    expect(Math.max(...w.batches.map((x) => x.length))).toBeLessThanOrEqual(3);
  });

  it('retries a failed batch one by one so one bad webhook fails alone', async () => {
    const w = slowWriter(1);
    const b = new IngestBatcher(w.writer, opts());
    const bad = { event: 'bad' } as unknown as IngestItem;
    const results = await Promise.allSettled([b.submit(item(1)), b.submit(bad), b.submit(item(2))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
