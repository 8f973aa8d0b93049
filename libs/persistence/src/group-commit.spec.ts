import { GroupCommit, type BatchOutcome } from './group-commit';

/** A run that records its batches and answers when released. */
function recorder() {
  const batches: number[][] = [];
  const gates: Array<() => void> = [];
  const run = async (inputs: number[]): Promise<Array<BatchOutcome<number>>> => {
    batches.push(inputs);
    await new Promise<void>((ok) => gates.push(ok));
    return inputs.map((n) => (n < 0 ? { ok: false, error: new Error(`negative ${n}`) } : { ok: true, value: n * 10 }));
  };
  const releaseAll = async () => {
    while (gates.length) gates.shift()!();
    await new Promise((ok) => setImmediate(ok));
  };
  return { batches, run, releaseAll };
}

describe('GroupCommit', () => {
  it('writes a lone request at once, and the requests that arrive meanwhile together in the next batch', async () => {
    const r = recorder();
    const g = new GroupCommit(r.run, { maxBatch: 10, concurrency: 1 });
    const first = g.submit(1);
    const later = [g.submit(2), g.submit(3), g.submit(4)];
    expect(r.batches).toEqual([[1]]);
    await r.releaseAll();
    expect(r.batches).toEqual([[1], [2, 3, 4]]);
    await r.releaseAll();
    await expect(first).resolves.toBe(10);
    await expect(Promise.all(later)).resolves.toEqual([20, 30, 40]);
  });

  it('bounds a batch by maxBatch and the batches in flight by concurrency', async () => {
    const r = recorder();
    const g = new GroupCommit(r.run, { maxBatch: 2, concurrency: 2 });
    const all = [1, 2, 3, 4, 5, 6].map((n) => g.submit(n));
    expect(r.batches).toEqual([[1], [2]]);
    await r.releaseAll();
    expect(r.batches).toEqual([[1], [2], [3, 4], [5, 6]]);
    await r.releaseAll();
    await expect(Promise.all(all)).resolves.toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('gives each request its own outcome: one refused does not refuse the others', async () => {
    const r = recorder();
    const g = new GroupCommit(r.run, { maxBatch: 10, concurrency: 1 });
    const blocker = g.submit(0);
    const [a, b, c] = [g.submit(1), g.submit(-1).catch((e: Error) => e.message), g.submit(2)];
    await r.releaseAll();
    await r.releaseAll();
    await blocker;
    await expect(a).resolves.toBe(10);
    await expect(b).resolves.toBe('negative -1');
    await expect(c).resolves.toBe(20);
  });

  it('rejects every request of a batch whose run throws, and goes on with the next batch', async () => {
    let calls = 0;
    const g = new GroupCommit<number, number>(async (inputs) => {
      if (calls++ === 0) throw new Error('connection lost');
      return inputs.map((n) => ({ ok: true, value: n }));
    }, { maxBatch: 10, concurrency: 1 });
    const failed = [g.submit(1)];
    await expect(Promise.all(failed)).rejects.toThrow('connection lost');
    await expect(g.submit(2)).resolves.toBe(2);
  });

  it('rejects a request the batch gave no answer for (never leaves it waiting)', async () => {
    const g = new GroupCommit<number, number>(async () => [], { maxBatch: 10, concurrency: 1 });
    await expect(g.submit(1)).rejects.toThrow(/no answer/);
  });
});
