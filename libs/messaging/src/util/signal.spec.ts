import { Signal } from './signal';

describe('Signal', () => {
  it('remembers a notify that came while nobody waited', async () => {
    const s = new Signal();
    s.notify();
    await expect(s.wait(60_000)).resolves.toBeUndefined();
  });

  it('wakes one waiter per notify and all on notifyAll', async () => {
    const s = new Signal();
    const woke: number[] = [];
    const a = s.wait(60_000).then(() => woke.push(1));
    const b = s.wait(60_000).then(() => woke.push(2));
    s.notify();
    await a;
    expect(woke).toEqual([1]);
    s.notifyAll();
    await b;
    expect(woke).toEqual([1, 2]);
  });

  it('times out', async () => {
    await expect(new Signal().wait(5)).resolves.toBeUndefined();
  });
});
